using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.TestSupport.Ordering;
using OvmSelfHost.Tests.Support;
using static OvmSelfHost.Tests.Migrations.DrillDriver;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// Invariant 7 until the end: an old manager started again after its cutover stops the run before the next step
/// (or at once while a gate waits), and the message names the host and the command that stops it.
/// </summary>
[LongRunning(120)]
public sealed class OldManagerStartedAgainTests
{
    [Fact]
    public async Task OldManagerStartedAgain_WhileAGateWaits_StopsTheRunAtOnce_NamingHostAndCommand()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "ConfirmPhase");

        await world.PostAsync("/sim/hosts/ovmm-b/services/ovmm/start");
        var run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() == "Failed", 60);

        AssertDanger(run, "ConfirmPhase", "ovmm-b");
        await world.PostAsync("/sim/hosts/ovmm-b/services/ovmm/stop");
        await client.PostJsonAsync($"/api/migrations/{id}/actions", new { user = "bob", action = "retry" });
        Assert.Equal("Completed", (await MigrationDriver.ApproveUntilEndAsync(client, id)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(1, "ConfirmPhase", "ovmm-b")]
    [InlineData(2, "InstallManager", "ovmm-b")]
    [InlineData(2, "ConfirmPhase", "ovmm-a")]
    public async Task OldManagerStartedAgain_StopsTheRunBeforeTheNextStep_NamingHostAndCommand(int phase, string gate, string oldHost)
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world, watch: "01:00:00"));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == gate && r.GetProperty("phase").GetInt32() == phase);

        await world.PostAsync($"/sim/hosts/{oldHost}/services/ovmm/start");
        await ApproveOnceAsync(client, id);
        var run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() == "Failed", 60);

        AssertDanger(run, gate, oldHost);
        Assert.Empty(MigrationDriver.Step(run).GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task OldManagerStartedAgain_AfterTheMigrationCompleted_FailsTheReadinessCheckNamingHostAndCommand()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        Assert.Equal("Completed", (await MigrationDriver.ApproveUntilEndAsync(client, id)).GetProperty("state").GetString());
        var after = await ReadinessAsync(client);
        Assert.Equal("Pass", OldManager(after, "A").GetProperty("status").GetString());
        Assert.Equal("Pass", OldManager(after, "B").GetProperty("status").GetString());

        await world.PostAsync("/sim/hosts/ovmm-b/services/ovmm/start");
        // The started manager answers once its service is up (the simulator's start-up time): look until it does.
        var report = await ReadinessAsync(client);
        for (var i = 0; i < 60 && OldManager(report, "B").GetProperty("status").GetString() == "Pass"; i++)
        {
            await Task.Delay(250);
            report = await ReadinessAsync(client);
        }

        var check = OldManager(report, "B");
        Assert.Equal("Fail", check.GetProperty("status").GetString());
        var detail = check.GetProperty("detail").GetString();
        Assert.Contains("after the migration completed: two managers with one UUID", detail);
        Assert.Contains("ssh ovmm-b 'service ovmm stop'", detail);
        Assert.Equal("Pass", OldManager(report, "A").GetProperty("status").GetString());
        Assert.Equal("Fail", report.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> ReadinessAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/readiness/A/B", new { });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync();
    }

    private static JsonElement OldManager(JsonElement report, string environment) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == $"old-manager:{environment}");
}
