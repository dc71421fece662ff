using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.TestSupport.Ordering;
using OvmSelfHost.Tests.Support;
using static OvmSelfHost.Tests.Migrations.DrillDriver;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// Section 4.7's promise, proven through the host against the simulator: the HA drill before each
/// confirmation and the pool's room for HA at preflight. The faults the design is for are in
/// <see cref="HostingServerFailureTests"/> and <see cref="OldManagerStartedAgainTests"/>.
/// </summary>
[LongRunning(90)]
public sealed class HighAvailabilityDrillTests
{
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
    public async Task FailoverDrillConfigured_StopsTheVmsServer_HaRestartsItElsewhere_AndTheServerComesBack()
    {
        await using var world = await SimulatorWorld.StartAsync();
        var settings = Settings(world);
        settings["Environments:A:HaDrillFailover"] = "true";
        await using var host = new HostFactory(settings: settings);
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);

        var atConfirm = await ApproveUntilAsync(client, id, r => AtGate(r, "ConfirmPhase", 1));

        var drill = atConfirm.GetProperty("phases")[0].GetProperty("drill");
        Assert.True(drill.GetProperty("passed").GetBoolean(), drill.GetProperty("summary").GetString());
        var (from, to) = (drill.GetProperty("from").GetString(), drill.GetProperty("to").GetString());
        Assert.Contains($"Failover drill: {to} stopped; HA restarted the VM on {from} after", drill.GetProperty("summary").GetString());
        Assert.Contains($"{to} started again", drill.GetProperty("summary").GetString());
        Assert.NotEqual(JsonValueKind.Null, drill.GetProperty("failoverInterruption").ValueKind);
        Assert.Equal(from, await HostingServerAsync(world, "ovmm-a", "ovmm-b-vm"));
        var servers = (await world.GetAsync("/sim/servers")).EnumerateArray().Where(s => s.GetProperty("pool").GetString() == "pool-a");
        Assert.All(servers, s => Assert.Equal("RUNNING", s.GetProperty("runState").GetString()));
        var card = (await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/proposals")).EnumerateArray().Last(c => c.GetProperty("gate").GetString() == "ConfirmPhase");
        Assert.Contains("Failover drill:", card.GetProperty("check").GetString());
        Assert.Equal("Completed", (await MigrationDriver.ApproveUntilEndAsync(client, id)).GetProperty("state").GetString());
    }
}
