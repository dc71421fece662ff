using System.Net.Sockets;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class HighAvailabilityTests
{
    /// <summary>The default fencing delay before HA restarts a failed server's VMs (SimulatorSettings.HaRestartSeconds).</summary>
    private static readonly TimeSpan Fencing = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ServerFails_HaVmRestartsOnOtherServerAfterFencing_NonHaVmStops()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var app2 = await a.ByNameAsync("Vm", "app-a2");
        await a.RunAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(app2)}/migrate?serverId={WsApiClient.Id(await a.ByNameAsync("Server", "ovs-a1"))}");
        Assert.Equal("ovs-a1", (await a.ByNameAsync("Vm", "app-a2"))["serverId"]!["name"]!.GetValue<string>());

        var failed = await s.PostAsync("sim/servers/ovs-a1/fail");
        Assert.Contains(failed["actions"]!.AsArray(), l => l!.GetValue<string>().Contains("app-a1: down with ovs-a1; HA restart in pool pool-a after 30 s"));
        Assert.Equal("STOPPED", (await a.ByNameAsync("Vm", "app-a1"))["vmRunState"]!.GetValue<string>());

        await s.AdvanceAsync(Fencing);
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
        await s.AdvanceAsync(Fencing);
        await s.PostAsync("sim/servers/ovs-a1/recover");
        Assert.Equal("STOPPED", (await a.GetAsync($"Vm/{vm}"))["vmRunState"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManagerDown_HaStillRestartsVm_AndManagerSeesItAfterwards()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm/stop");
        await s.PostAsync("sim/servers/ovs-a1/fail");
        await s.AdvanceAsync(Fencing);
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
        var (vmId, newB) = await InstalledManagerVmAsync(s, a);
        using var _ = newB;
        var host = (await a.GetAsync($"Vm/{vmId}"))["serverId"]!["name"]!.GetValue<string>();

        await s.PostAsync($"sim/servers/{host}/fail");
        await s.Sim.SyncAsync();
        Assert.Equal("STOPPED", (await a.GetAsync($"Vm/{vmId}"))["vmRunState"]!.GetValue<string>());
        await AssertRefusedAsync(newB);

        await s.AdvanceAsync(Fencing);
        var vm = await a.GetAsync($"Vm/{vmId}");
        Assert.Equal("RUNNING", vm["vmRunState"]!.GetValue<string>());
        Assert.NotEqual(host, vm["serverId"]!["name"]!.GetValue<string>());
        Assert.Equal("STARTING", (await newB.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        await Procedure.WaitRunningAsync(s, newB);
        Assert.Equal(Procedure.UuidB, (await newB.GetAsync("Manager"))[0]!["managerUuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerOfManagerVmFailsDuringInstall_InstallerIsInterrupted_AndNothingIsInstalled()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vmId = await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        var started = await s.PostAsync("sim/hosts/ovmm-b-vm/installer", new { args = new[] { $"--uuid={Procedure.UuidB}" } });
        var host = (await a.GetAsync($"Vm/{vmId}"))["serverId"]!["name"]!.GetValue<string>();

        await s.PostAsync($"sim/servers/{host}/fail");
        await s.AdvanceAsync(Fencing);

        var install = await s.GetAsync($"sim/hosts/ovmm-b-vm/installer/{started["installId"]!.GetValue<string>()}");
        Assert.Equal("failed", install["state"]!.GetValue<string>());
        Assert.Contains(install["lines"]!.AsArray(), l => l!.GetValue<string>().Contains("installation interrupted: VM ovmm-b-vm went down"));
        Assert.Equal("RUNNING", (await a.GetAsync($"Vm/{vmId}"))["vmRunState"]!.GetValue<string>());
        var again = await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}");
        Assert.Equal(0, again["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task LiveMigration_IsAJob_AndTheManagerInsidePausesBrieflyThenAnswersWithTheSameUuid()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var (vmId, newB) = await InstalledManagerVmAsync(s, a);
        using var _ = newB;
        var from = (await a.GetAsync($"Vm/{vmId}"))["serverId"]!["name"]!.GetValue<string>();
        var to = from == "ovs-a1" ? "ovs-a2" : "ovs-a1";

        var job = await a.JobAsync(HttpMethod.Put, $"Vm/{vmId}/migrate?serverId={WsApiClient.Id(await a.ByNameAsync("Server", to))}");
        Assert.False(job["done"]!.GetValue<bool>());
        Assert.Equal("RUNNING", (await newB.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());

        await s.AdvanceAsync(TimeSpan.FromSeconds(8));
        var done = await a.GetAsync($"Job/{WsApiClient.Id(job)}");
        Assert.Equal("SUCCESS", done["jobRunState"]!.GetValue<string>());
        Assert.Equal(to, (await a.GetAsync($"Vm/{vmId}"))["serverId"]!["name"]!.GetValue<string>());
        await AssertRefusedAsync(newB);

        await s.AdvanceAsync(TimeSpan.FromSeconds(2));
        var manager = (await newB.GetAsync("Manager"))[0]!;
        Assert.Equal("RUNNING", manager["managerRunState"]!.GetValue<string>());
        Assert.Equal(Procedure.UuidB, manager["managerUuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task MigrationToAServerWithoutRoom_FailsTheJob_AndTheVmStaysWhereItWas()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var vm = await a.ByNameAsync("Vm", "app-a1");
        var from = vm["serverId"]!["name"]!.GetValue<string>();
        var to = from == "ovs-a1" ? "ovs-a2" : "ovs-a1";
        var squeezed = await s.PostAsync($"sim/servers/{to}/memory", new { memoryMb = 2048 });
        Assert.True(squeezed["server"]!["freeMemoryMb"]!.GetValue<long>() < 1024);

        var job = await a.WaitAsync(await a.JobAsync(HttpMethod.Put, $"Vm/{WsApiClient.Id(vm)}/migrate?serverId={WsApiClient.Id(await a.ByNameAsync("Server", to))}"));

        Assert.Equal("FAILURE", job["jobRunState"]!.GetValue<string>());
        Assert.Contains("OVMAPI_6002E", job["error"]!["message"]!.GetValue<string>());
        Assert.Equal(from, (await a.GetAsync($"Vm/{WsApiClient.Id(vm)}"))["serverId"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerFailsWithNoRoomElsewhere_HaVmWaits_AndRestartsWhenTheServerRejoins()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var host = (await a.ByNameAsync("Vm", "app-a1"))["serverId"]!["name"]!.GetValue<string>();
        var other = host == "ovs-a1" ? "ovs-a2" : "ovs-a1";
        await s.PostAsync($"sim/servers/{other}/memory", new { memoryMb = 2048 });

        await s.PostAsync($"sim/servers/{host}/fail");
        await s.AdvanceAsync(Fencing);
        Assert.Equal("STOPPED", (await a.ByNameAsync("Vm", "app-a1"))["vmRunState"]!.GetValue<string>());

        var back = await s.PostAsync($"sim/servers/{host}/recover");
        Assert.Contains(back["actions"]!.AsArray(), l => l!.GetValue<string>() == $"app-a1: restarted by HA on {host}");
        Assert.Equal("RUNNING", (await a.ByNameAsync("Vm", "app-a1"))["vmRunState"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServerMemory_OutOfRange_IsRefusedAndChangesNothing()
    {
        await using var s = await SimSession.StartAsync();
        var response = await s.Control.PostAsync("sim/servers/ovs-a1/memory", new StringContent("{\"memoryMb\":12}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var servers = (await s.GetAsync("sim/servers")).AsArray();
        Assert.Equal(65536, servers.Single(x => x!["name"]!.GetValue<string>() == "ovs-a1")!["memoryMb"]!.GetValue<int>());
    }

    private static async Task<(string VmId, WsApiClient Manager)> InstalledManagerVmAsync(SimSession s, WsApiClient hosting)
    {
        var vmId = await Procedure.CreateManagerVmAsync(hosting, "ovmm-b-vm", "pool-a", "repo-a");
        Assert.Equal(0, (await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}"))["exitCode"]!.GetValue<int>());
        var manager = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, manager);
        return (vmId, manager);
    }

    private static async Task AssertRefusedAsync(WsApiClient manager)
    {
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => manager.SendAsync(HttpMethod.Get, "Manager"));
        Assert.IsType<SocketException>(e.InnerException);
    }
}
