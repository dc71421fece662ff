using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class ManagerServiceTests
{
    [Fact]
    public async Task OvmmStop_RefusesConnections_AndStartComesBackStartingThenRunningWithSameData()
    {
        await using var s = await SimSession.StartAsync();
        using var b = s.Manager("ovmm-b");
        var vm = (await b.ByNameAsync("Vm", "app-b2")).AsObject();
        vm["description"] = "kept in the manager database";
        await b.RunAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}", vm);

        var port = s.Sim.Manager("ovmm-b").HttpsPort;
        var stopped = await s.PostAsync("sim/hosts/ovmm-b/services/ovmm/stop");
        Assert.Equal("stopped", stopped["state"]!.GetValue<string>());
        await Assert.ThrowsAsync<HttpRequestException>(() => b.Http.GetAsync("Manager"));
        Assert.Equal("STOPPED", (await s.GetAsync("sim/managers")).AsArray().Single(m => m!["name"]!.GetValue<string>() == "ovmm-b")!["runState"]!.GetValue<string>());

        await s.PostAsync("sim/hosts/ovmm-b/services/ovmm/start");
        Assert.Equal(port, s.Sim.Manager("ovmm-b").HttpsPort);
        using var again = s.Manager("ovmm-b");
        Assert.Equal("STARTING", (await again.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        var job = await again.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}/stop");
        await s.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("CREATED", (await again.GetAsync($"Job/{WsApiClient.Id(job)}"))["jobRunState"]!.GetValue<string>());

        await Procedure.WaitRunningAsync(s, again);
        Assert.Equal("SUCCESS", (await again.WaitAsync(job))["jobRunState"]!.GetValue<string>());
        Assert.Equal("kept in the manager database", (await again.GetAsync($"Vm/{WsApiClient.Id(vm)}"))["description"]!.GetValue<string>());
        Assert.Equal(["ovs-b1", "ovs-b2"], await again.NamesAsync("Server"));
    }

    [Fact]
    public async Task OtherManager_WhileOneIsStopped_KeepsServing()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/hosts/ovmm-b/services/ovmm/stop");
        using var a = s.Manager("ovmm-a");
        Assert.Equal("RUNNING", (await a.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownService_Is404_AndHostFactsAreReported()
    {
        await using var s = await SimSession.StartAsync();
        var response = await s.Control.GetAsync("sim/hosts/ovmm-a/services/nosuch");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var host = await s.GetAsync("sim/hosts/ovmm-a");
        Assert.Equal("Oracle Linux Server release 7.9", host["facts"]!["osRelease"]!.GetValue<string>());
        Assert.True(host["reachable"]!.GetValue<bool>());
        var config = await s.Control.GetStringAsync("sim/hosts/ovmm-a/files?path=/u01/app/oracle/ovm-manager-3/.config");
        Assert.Contains($"UUID={Procedure.UuidA}\n", config);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await s.Control.GetAsync("sim/hosts/ovmm-a/files?path=/etc/nothing")).StatusCode);
    }

    [Fact]
    public async Task DatabaseStopped_ManagerIsDown_UntilItStartsAgain()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm_mysql/stop");
        await Assert.ThrowsAsync<HttpRequestException>(() => a.Http.GetAsync("Manager"));
        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm_mysql/start");
        using var again = s.Manager("ovmm-a");
        Assert.Equal("STARTING", (await again.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        await Procedure.WaitRunningAsync(s, again);
    }

    [Fact]
    public async Task ManagerVmStoppedThroughApi_TakesItsManagerDown_AndStartBringsItBack()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}");
        using var newB = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, newB);

        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/stop");
        await s.Sim.SyncAsync();
        Assert.False((await s.GetAsync("sim/hosts/ovmm-b-vm"))["reachable"]!.GetValue<bool>());
        await Assert.ThrowsAsync<HttpRequestException>(() => newB.Http.GetAsync("Manager"));

        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/start");
        await s.Sim.SyncAsync();
        using var back = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, back);
        Assert.Contains($"UUID={Procedure.UuidB}", await s.Control.GetStringAsync($"sim/hosts/ovmm-b-vm/files?path={Procedure.ConfigPath}"));
    }
}
