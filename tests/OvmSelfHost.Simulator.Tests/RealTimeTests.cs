using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

/// <summary>The same procedure on the system clock at a high time scale: nothing is driven by a fake clock.</summary>
public sealed class RealTimeTests
{
    [Fact]
    public async Task PhaseOne_OnRealTimeAtScale100_NewManagerTakesOverB()
    {
        await using var s = await SimSession.StartRealTimeAsync(timeScale: 100);
        using var a = s.Manager("ovmm-a");
        await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        Assert.Equal(0, (await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}", "--installtype=Install", "--assumeyes"))["exitCode"]!.GetValue<int>());
        await s.PostAsync("sim/hosts/ovmm-b/services/ovmm/stop");
        using var b = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, b);
        await Procedure.DiscoverAsync(b, "ovs-b1");
        await Procedure.DiscoverAsync(b, "ovs-b2");
        await b.RunAsync(HttpMethod.Put, $"Repository/{WsApiClient.Id(await b.ByNameAsync("Repository", "repo-b"))}/refresh");
        Assert.Equal(["OL7U9-ovmm-template", "app-b1", "app-b2"], await b.NamesAsync("Vm"));
    }
}
