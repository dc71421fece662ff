using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Ovm.DependencyInjection;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.TestSupport.Ordering;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// The whole procedure against the simulator, through the host's API and the real adapters: the
/// WS-API client over HTTP, and manager hosts over SSH or through the simulator's control API.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[LongRunning(110)]
public sealed class SimulatorMigrationTests
{
    private const string UuidA = "0004fb0000010000a7c3e1f2d4b65a01";
    private const string UuidB = "0004fb0000010000b8d4f2a3e5c76b02";

    private static Dictionary<string, string> SimulatorSettings(SimulatorWorld world) => new()
    {
        ["Ovm:Adapter"] = "Simulator",
        ["Simulator:Enabled"] = "false",
        ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
        ["Runbook:ManagerStopTimeout"] = "00:00:30",
    };

    [Fact]
    public async Task Both_phases_complete_against_the_simulator_with_simulated_hosts()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: SimulatorSettings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);

        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => AssertPhaseOneHeldAsync(world));

        Assert.Equal("Completed", run.GetProperty("state").GetString());
        await AssertPhaseOneHeldAsync(world);
        await AssertMirrorHeldAsync(world);
        Assert.All(run.GetProperty("phases").EnumerateArray(), p => Assert.Empty(p.GetProperty("diff").GetProperty("differences").EnumerateArray()));
    }

    [Fact]
    public async Task Both_phases_complete_with_manager_hosts_over_real_ssh()
    {
        await using var world = await SimulatorWorld.StartAsync();
        using var trees = new SshHostTrees();
        var options = await SshOptionsAsync(world, trees);
        await using var host = new HostFactory(services: s => s.AddOvmAdapters(options), settings: new Dictionary<string, string> { ["Runbook:ManagerStopTimeout"] = "00:00:30" });
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);

        var run = await MigrationDriver.ApproveUntilEndAsync(client, id);

        Assert.Equal("Completed", run.GetProperty("state").GetString());
        await AssertPhaseOneHeldAsync(world);
        await AssertMirrorHeldAsync(world);
        var install = run.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("name").GetString() == "InstallManager");
        Assert.NotEmpty(install.GetProperty("output").EnumerateArray());
    }

    [Fact]
    public async Task An_installer_that_installs_another_uuid_stops_the_phase_before_the_cutover()
    {
        await using var world = await SimulatorWorld.StartAsync();
        using var trees = new SshHostTrees();
        var options = await SshOptionsAsync(world, trees, wrongUuidOn: "ovmm-b-vm");
        await using var host = new HostFactory(services: s => s.AddOvmAdapters(options));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);

        var run = await MigrationDriver.ApproveUntilEndAsync(client, id);

        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.Equal("InstallManager", run.GetProperty("currentStep").GetString());
        Assert.Contains($"reinstall with --uuid={UuidB}", run.GetProperty("statusMessage").GetString());
        Assert.Equal("RUNNING", (await world.ManagerAsync("ovmm-b")).GetProperty("runState").GetString());
    }

    private static async Task<Ovm.Configuration.OvmAdapterOptions> SshOptionsAsync(SimulatorWorld world, SshHostTrees trees, string? wrongUuidOn = null)
    {
        var options = SimulatorAdapterOptions.FromSimulator(world.ControlUrl, [], resolveLater: true);
        foreach (var (environment, physical, vm) in new[] { ("A", "ovmm-a", "ovmm-a-vm"), ("B", "ovmm-b", "ovmm-b-vm") })
        {
            var hosts = options.Environments[environment].Hosts;
            hosts[nameof(HostRole.OriginalManager)] = await trees.HostAsync(world.ControlUrl, physical);
            hosts[nameof(HostRole.ReplacementVm)] = await trees.HostAsync(world.ControlUrl, vm, vm == wrongUuidOn ? "0004fb0000010000eeeeeeeeeeeeeeee" : null);
        }

        return options;
    }

    /// <summary>After phase 1: the new manager VM in A is HA, B's new manager reports B whole, and B's physical manager is stopped.</summary>
    private static async Task AssertPhaseOneHeldAsync(SimulatorWorld world)
    {
        Assert.Equal("STOPPED", (await world.ManagerAsync("ovmm-b")).GetProperty("runState").GetString());
        var replacement = await world.ManagerAsync("ovmm-b-vm");
        Assert.Equal(UuidB, replacement.GetProperty("uuid").GetString());
        Assert.Equal("A", replacement.GetProperty("hostEnvironment").GetString());
        var hostingManager = (await world.ManagerAsync("ovmm-a")).GetProperty("runState").GetString() == "RUNNING" ? "ovmm-a" : "ovmm-a-vm";
        var vm = (await world.WsApiAsync(hostingManager, "Vm")).EnumerateArray().Single(v => v.GetProperty("name").GetString() == "ovmm-b-vm");
        Assert.True(vm.GetProperty("highAvailability").GetBoolean());
        Assert.Equal(["ovs-b1", "ovs-b2"], (await world.WsApiAsync("ovmm-b-vm", "Server")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.Contains((await world.WsApiAsync("ovmm-b-vm", "Repository")).EnumerateArray(), r => r.GetProperty("name").GetString() == "repo-b");
        Assert.Contains((await world.WsApiAsync("ovmm-b-vm", "Vm")).EnumerateArray(), v => v.GetProperty("name").GetString() == "app-b1");
    }

    private static async Task AssertMirrorHeldAsync(SimulatorWorld world)
    {
        Assert.Equal("STOPPED", (await world.ManagerAsync("ovmm-a")).GetProperty("runState").GetString());
        var replacement = await world.ManagerAsync("ovmm-a-vm");
        Assert.Equal(UuidA, replacement.GetProperty("uuid").GetString());
        Assert.Equal("B", replacement.GetProperty("hostEnvironment").GetString());
        var vm = (await world.WsApiAsync("ovmm-b-vm", "Vm")).EnumerateArray().Single(v => v.GetProperty("name").GetString() == "ovmm-a-vm");
        Assert.True(vm.GetProperty("highAvailability").GetBoolean());
        Assert.Equal(["ovs-a1", "ovs-a2"], (await world.WsApiAsync("ovmm-a-vm", "Server")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.Contains((await world.WsApiAsync("ovmm-a-vm", "Vm")).EnumerateArray(), v => v.GetProperty("name").GetString() == "app-a1");
    }
}
