using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

/// <summary>Phase 1 of PROCEDURE.md: a manager VM in A takes over B, with the right UUID or a wrong one.</summary>
public sealed class OwnershipTests
{
    private static async Task<WsApiClient> ReplaceManagerBAsync(SimSession s, string uuid)
    {
        using var a = s.Manager("ovmm-a");
        await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        var install = await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={uuid}", "--installtype=Install", "--assumeyes");
        Assert.Equal(0, install["exitCode"]!.GetValue<int>());
        await s.PostAsync("sim/hosts/ovmm-b/services/ovmm/stop");
        var replacement = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, replacement);
        Assert.Empty((await replacement.GetAsync("Server")).AsArray());
        return replacement;
    }

    [Fact]
    public async Task SameUuid_RediscoveryAndRepositoryRefresh_BringEverythingBack()
    {
        await using var s = await SimSession.StartAsync();
        var config = await s.Control.GetStringAsync($"sim/hosts/ovmm-b/files?path={Procedure.ConfigPath}");
        var uuid = config.Split('\n').Single(l => l.StartsWith("UUID=", StringComparison.Ordinal))[5..];
        using var oldB = s.Manager("ovmm-b");
        var vmsBefore = await oldB.NamesAsync("Vm");
        var disksBefore = await oldB.NamesAsync("VirtualDisk");

        using var b = await ReplaceManagerBAsync(s, uuid);
        Assert.Equal(uuid, (await b.GetAsync("Manager"))[0]!["managerUuid"]!.GetValue<string>());
        foreach (var server in new[] { "ovs-b1", "ovs-b2" })
        {
            Assert.Equal("SUCCESS", (await Procedure.DiscoverAsync(b, server))["jobRunState"]!.GetValue<string>());
        }
        var pool = await b.ByNameAsync("ServerPool", "pool-b");
        Assert.Equal(2, pool["serverIds"]!.AsArray().Count);
        Assert.NotNull(pool["clusterId"]);
        Assert.All((await b.GetAsync("Server")).AsArray(), srv => Assert.Equal(uuid, srv!["managerUuid"]!.GetValue<string>()));
        var repo = await b.ByNameAsync("Repository", "repo-b");
        Assert.Empty((await b.GetAsync("Vm")).AsArray());

        await b.RunAsync(HttpMethod.Put, $"Repository/{WsApiClient.Id(repo)}/refresh");
        Assert.Equal(vmsBefore, await b.NamesAsync("Vm"));
        Assert.Equal(disksBefore, await b.NamesAsync("VirtualDisk"));
        var app = await b.ByNameAsync("Vm", "app-b1");
        Assert.Equal("RUNNING", app["vmRunState"]!.GetValue<string>());
        Assert.Equal("ovs-b1", app["serverId"]!["name"]!.GetValue<string>());
        var managers = (await s.GetAsync("sim/managers")).AsArray();
        var replacement = managers.Single(m => m!["name"]!.GetValue<string>() == "ovmm-b-vm")!;
        Assert.Equal("B", replacement["environment"]!.GetValue<string>());
        Assert.Equal("A", replacement["hostEnvironment"]!.GetValue<string>());
        Assert.False(replacement["selfHosted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task DifferentUuid_Discovery_IsPartialAndSaysOwnedByAnotherManager()
    {
        await using var s = await SimSession.StartAsync();
        using var b = await ReplaceManagerBAsync(s, "0004fb0000010000ffffffffffffffff");

        var job = await Procedure.DiscoverAsync(b, "ovs-b1");
        Assert.Contains("owned by another manager", job["progressMessage"]!.GetValue<string>());
        var server = await b.ByNameAsync("Server", "ovs-b1");
        Assert.Equal(Procedure.UuidB, server["managerUuid"]!.GetValue<string>());
        Assert.Null(server["serverPoolId"]);
        Assert.Empty((await b.GetAsync("ServerPool")).AsArray());
        Assert.Empty((await b.GetAsync("Repository")).AsArray());
        Assert.Empty((await b.GetAsync("Vm")).AsArray());
        var pool = await b.RunAsync(HttpMethod.Post, "ServerPool", new { name = "grab" });
        var add = await b.WaitAsync(await b.JobAsync(HttpMethod.Put, $"ServerPool/{pool["resultId"]!["value"]!.GetValue<string>()}/addServer", WsApiClient.SimpleId(server)));
        Assert.Equal("FAILURE", add["jobRunState"]!.GetValue<string>());
        Assert.Contains("owned by another manager", add["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameUuid_WhileOldManagerStillRuns_DiscoveryFails()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        await Procedure.CreateManagerVmAsync(a, "ovmm-b-vm", "pool-a", "repo-a");
        await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}");
        using var b = s.Manager("ovmm-b-vm");
        await Procedure.WaitRunningAsync(s, b);
        var job = await Procedure.DiscoverAsync(b, "ovs-b1");
        Assert.Equal("FAILURE", job["jobRunState"]!.GetValue<string>());
        Assert.Contains("stop that manager first", job["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongAgentPassword_Discovery_Fails()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var job = await Procedure.DiscoverAsync(a, "ovs-a1", "not-the-agent-password");
        Assert.Equal("FAILURE", job["jobRunState"]!.GetValue<string>());
        Assert.Contains("authentication failed", job["error"]!["message"]!.GetValue<string>());
    }
}
