using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// Section 4.7's promise, proven through the host against the simulator: the HA drill before each
/// confirmation, the pool's room for HA at preflight, and the faults the design is for (a failed
/// hosting server, an old manager started again after the cutover).
/// </summary>
public sealed class HighAvailabilityDrillTests
{
    private static Dictionary<string, string> Settings(SimulatorWorld world, string watch = "00:00:00.200") => new()
    {
        ["Ovm:Adapter"] = "Simulator",
        ["Simulator:Enabled"] = "false",
        ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
        ["Runbook:ManagerStopTimeout"] = "00:00:30",
        ["Runbook:DrillProbeInterval"] = "00:00:00.020",
        ["Runbook:HaRestartTimeout"] = "00:01:00",
        ["Runbook:OldManagerWatchInterval"] = watch,
    };

    [Fact]
    public async Task DefaultScenario_Drill_PassesAndItsInterruptionIsOnTheConfirmPhaseCardAndInTheJournal()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);

        var atConfirm = await ApproveUntilAsync(client, id, r => Gate(r) == "ConfirmPhase");
        var cards = await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/proposals");
        var card = cards.EnumerateArray().Last(c => c.GetProperty("gate").GetString() == "ConfirmPhase");
        Assert.Matches(@"HA drill: manager moved ovs-a\d → ovs-a\d in [\d.]+ s; answered", card.GetProperty("check").GetString());
        Assert.True(atConfirm.GetProperty("phases")[0].GetProperty("drill").GetProperty("passed").GetBoolean());

        var run = await MigrationDriver.ApproveUntilEndAsync(client, id);
        Assert.Equal("Completed", run.GetProperty("state").GetString());
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(e => e.GetRawText().Contains("HA drill passed: manager moved", StringComparison.Ordinal)));
        var vm = (await world.WsApiAsync("ovmm-a-vm", "Vm")).EnumerateArray().Single(v => v.GetProperty("name").GetString() == "ovmm-b-vm");
        Assert.Equal(run.GetProperty("phases")[0].GetProperty("drill").GetProperty("to").GetString(), vm.GetProperty("serverId").GetProperty("name").GetString());
    }

    [Fact]
    public async Task OneRunningServer_Drill_StopsThePhaseWithWhatWasSeenAndTheChoices()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "StopOldManager" && r.GetProperty("phase").GetInt32() == 1);
        await world.PostAsync($"/sim/servers/{await OtherServerAsync(world, "ovmm-a", "ovmm-b-vm")}/fail");

        var run = await ApproveUntilAsync(client, id, r => Gate(r) == "AcceptFailedDrill");

        Assert.Equal("AwaitingAcknowledgement", run.GetProperty("state").GetString());
        Assert.Equal("ProveHighAvailability", run.GetProperty("currentStep").GetString());
        var message = run.GetProperty("statusMessage").GetString();
        Assert.Contains("HA drill failed: the VM could not be moved off ovs-a", message);
        Assert.Contains("retry the drill", message);
        Assert.Contains("two approvers", message);
        Assert.Contains("roll back", message);
        Assert.Contains("rollback", run.GetProperty("possibleActions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task PoolWithoutRoomForHa_IsRefusedAtPreflight_BeforeAnythingIsCreated()
    {
        await using var world = await SimulatorWorld.StartAsync();
        foreach (var server in new[] { "ovs-a1", "ovs-a2" })
        {
            await world.PostAsync($"/sim/servers/{server}/memory", new { memoryMb = 8192 });
        }

        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id);

        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.Equal("Preflight", run.GetProperty("currentStep").GetString());
        Assert.Contains("cannot restart the manager VM", run.GetProperty("statusMessage").GetString());
        Assert.Contains("Nothing was created", run.GetProperty("statusMessage").GetString());
        Assert.DoesNotContain((await world.WsApiAsync("ovmm-a", "Vm")).EnumerateArray(), v => v.GetProperty("name").GetString() == "ovmm-b-vm");
    }

    [Fact]
    public async Task HostingServerFailsWhileAGateWaits_RunWaitsForHa_AndCompletesWithNoStepRepeated()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "StopOldManager" && r.GetProperty("phase").GetInt32() == 1);
        var hosting = await HostingServerAsync(world, "ovmm-a", "ovmm-b-vm");
        await world.PostAsync($"/sim/servers/{hosting}/fail");

        // The failed server is repaired before phase 2, whose rediscovery needs every server of A.
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => world.PostAsync($"/sim/servers/{hosting}/recover"));

        Assert.True(run.GetProperty("state").GetString() == "Completed", run.GetProperty("statusMessage").GetString());
        Assert.NotEqual(hosting, await HostingServerAsync(world, "ovmm-a-vm", "ovmm-b-vm"));
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.All(steps, s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "Succeeded", "Skipped" }));
        var audit = (await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit")).GetRawText();
        Assert.DoesNotContain("step-failed", audit);
        Assert.Contains("HA:", audit);
    }

    [Fact]
    public async Task HostingServerFailsDuringRediscovery_RunWaitsForHa_AndCompletes()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "StopOldManager" && r.GetProperty("phase").GetInt32() == 1);
        var hosting = await HostingServerAsync(world, "ovmm-a", "ovmm-b-vm");
        var votes = ApproveOnceAsync(client, id);
        await client.WaitForAsync(id, r => r.GetProperty("currentStep").GetString() == "Rediscover" || r.GetProperty("state").GetString() != "AwaitingApproval", 60);
        await votes;
        await world.PostAsync($"/sim/servers/{hosting}/fail");

        // The failed server is repaired before phase 2, whose rediscovery needs every server of A.
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => world.PostAsync($"/sim/servers/{hosting}/recover"));

        Assert.Equal("Completed", run.GetProperty("state").GetString());
        Assert.DoesNotContain("step-failed", (await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit")).GetRawText());
    }

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

    private static void AssertDanger(JsonElement run, string step, string oldHost)
    {
        Assert.Equal(step, run.GetProperty("currentStep").GetString());
        var message = run.GetProperty("statusMessage").GetString();
        Assert.Contains("two managers with one UUID", message);
        Assert.Contains($"ssh {oldHost} 'service ovmm stop'", message);
    }

    private static string? Gate(JsonElement run) =>
        run.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement" ? run.GetProperty("pendingGate").GetString() : null;

    /// <summary>Approves gates until <paramref name="stop"/> holds (without voting on that one), or the run ends.</summary>
    private static async Task<JsonElement> ApproveUntilAsync(HttpClient client, Guid id, Func<JsonElement, bool> stop)
    {
        for (var i = 0; i < 60; i++)
        {
            var run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement"
                or "Completed" or "Failed" or "Rejected", 120);
            if (stop(run) || run.GetProperty("state").GetString() is "Completed" or "Failed" or "Rejected")
            {
                Assert.True(stop(run), $"the run ended before the expected gate: {run.GetProperty("statusMessage").GetString()}");
                return run;
            }

            await ApproveOnceAsync(client, id);
        }

        throw new TimeoutException("the expected gate never opened");
    }

    private static async Task ApproveOnceAsync(HttpClient client, Guid id)
    {
        var run = await client.WaitForAsync(id, r => Gate(r) is not null, 60);
        var required = MigrationDriver.Step(run).GetProperty("approval").GetProperty("required").GetInt32();
        foreach (var user in new[] { "bob", "carol" }.Take(required))
        {
            var vote = await client.PostJsonAsync($"/api/migrations/{id}/decisions",
                new { user, decision = "approve", gate = run.GetProperty("pendingGate").GetString(), round = run.GetProperty("gateRound").GetInt32() });
            Assert.True(vote.IsSuccessStatusCode, await vote.Content.ReadAsStringAsync());
        }
    }

    private static async Task<string> HostingServerAsync(SimulatorWorld world, string manager, string vm) =>
        (await world.WsApiAsync(manager, "Vm")).EnumerateArray().Single(v => v.GetProperty("name").GetString() == vm)
            .GetProperty("serverId").GetProperty("name").GetString()!;

    private static async Task<string> OtherServerAsync(SimulatorWorld world, string manager, string vm) =>
        await HostingServerAsync(world, manager, vm) == "ovs-a1" ? "ovs-a2" : "ovs-a1";
}
