using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class HighAvailabilityTests
{
    [Fact]
    public async Task ServerFails_HaVmRestartsOnOtherServer_NonHaVmStops()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var app2 = await a.ByNameAsync("Vm", "app-a2");
        await a.RunAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(app2)}/migrate?serverId={WsApiClient.Id(await a.ByNameAsync("Server", "ovs-a1"))}");
        Assert.Equal("ovs-a1", (await a.ByNameAsync("Vm", "app-a2"))["serverId"]!["name"]!.GetValue<string>());

        await s.PostAsync("sim/servers/ovs-a1/fail");
        var ha = await a.ByNameAsync("Vm", "app-a1");
        Assert.Equal("RUNNING", ha["vmRunState"]!.GetValue<string>());
        Assert.Equal("ovs-a2", ha["serverId"]!["name"]!.GetValue<string>());
        var plain = await a.ByNameAsync("Vm", "app-a2");
        Assert.Equal("STOPPED", plain["vmRunState"]!.GetValue<string>());
        Assert.Null(plain["serverId"]);
    }

    [Fact]
    public async Task VmStoppedThroughApi_IsNotRestartedByHa()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = WsApiClient.Id(await a.ByNameAsync("Vm", "app-a1"));
        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/stop");
        await s.PostAsync("sim/servers/ovs-a1/fail");
        await s.PostAsync("sim/servers/ovs-a1/recover");
        Assert.Equal("STOPPED", (await a.GetAsync($"Vm/{vm}"))["vmRunState"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManagerDown_HaStillRestartsVm_AndManagerSeesItAfterwards()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm/stop");
        var result = await s.PostAsync("sim/servers/ovs-a1/fail");
        Assert.Contains(result["actions"]!.AsArray(), l => l!.GetValue<string>().Contains("app-a1: restarted by HA on ovs-a2"));
        var servers = (await s.GetAsync("sim/servers")).AsArray();
        Assert.Contains("app-a1", servers.Single(x => x!["name"]!.GetValue<string>() == "ovs-a2")!["runningVms"]!.AsArray().Select(v => v!.GetValue<string>()));

        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm/start");
        using var a = s.Manager("ovmm-a");
        await Procedure.WaitRunningAsync(s, a);
        Assert.Equal("ovs-a2", (await a.ByNameAsync("Vm", "app-a1"))["serverId"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerOfManagerVmFails_ManagerVmRestartsElsewhere_AndItsManagerStartsAgain()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vmId = await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        Assert.Equal(0, (await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}"))["exitCode"]!.GetValue<int>());
        using var newB = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, newB);
        var host = (await a.GetAsync($"Vm/{vmId}"))["serverId"]!["name"]!.GetValue<string>();

        await s.PostAsync($"sim/servers/{host}/fail");
        await s.Sim.SyncAsync();
        var vm = await a.GetAsync($"Vm/{vmId}");
        Assert.Equal("RUNNING", vm["vmRunState"]!.GetValue<string>());
        Assert.NotEqual(host, vm["serverId"]!["name"]!.GetValue<string>());
        Assert.Equal("STARTING", (await newB.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        await Procedure.WaitRunningAsync(s, newB);
    }
}
