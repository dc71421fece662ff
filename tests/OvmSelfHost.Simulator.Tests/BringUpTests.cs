using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

/// <summary>Reference section 8 on the <c>fresh</c> scenario: environment A has servers and a filer but nothing discovered.</summary>
public sealed class BringUpTests
{
    private static string ResultId(JsonNode job) => job["resultId"]!["value"]!.GetValue<string>();

    [Fact]
    public async Task CanonicalSequence_FromNothing_EndsWithHaVmRunningInClusteredPool()
    {
        await using var s = await SimSession.StartAsync("fresh");
        using var a = s.Manager("ovmm-a");
        Assert.Empty((await a.GetAsync("Server")).AsArray());
        foreach (var name in new[] { "ovs-a1", "ovs-a2" })
        {
            Assert.Equal("SUCCESS", (await Procedure.DiscoverAsync(a, name))["jobRunState"]!.GetValue<string>());
        }
        Assert.Equal(["192.168.10.0"], await a.NamesAsync("Network"));
        var servers = (await a.GetAsync("Server/id")).AsArray();

        var plugin = (await a.GetAsync("FileServerPlugin/id")).AsArray().Single(p => p!["name"]!.GetValue<string>() == "Oracle Generic Network File System")!;
        var filer = ResultId(await a.RunAsync(HttpMethod.Post, "FileServer", new JsonObject
        {
            ["name"] = "nfs-a", ["accessHost"] = "192.168.10.5", ["fileServerType"] = "NETWORK", ["fileServerPluginId"] = plugin.DeepClone(),
            ["adminServerIds"] = new JsonArray(servers[0]!.DeepClone()), ["uniformExports"] = true,
        }));
        await a.RunAsync(HttpMethod.Put, $"FileServer/{filer}/refresh");
        var poolFs = await a.ByNameAsync("FileSystem", "nfs:/export/a/pool");
        var repoFs = await a.ByNameAsync("FileSystem", "nfs:/export/a/repo");
        await a.RunAsync(HttpMethod.Put, $"FileSystem/{WsApiClient.Id(repoFs)}/refresh");

        var pool = ResultId(await a.RunAsync(HttpMethod.Post, "ServerPool", new { name = "pool-a" }));
        var cluster = ResultId(await a.RunAsync(HttpMethod.Post, $"ServerPool/{pool}/Cluster", new { name = "pool-a_cluster" }));
        await a.RunAsync(HttpMethod.Post, $"Cluster/{cluster}/ClusterHeartbeatDevice",
            new JsonObject { ["storageType"] = "NFS", ["networkFileSystemId"] = WsApiClient.SimpleId(poolFs) });
        foreach (var server in servers) await a.RunAsync(HttpMethod.Put, $"ServerPool/{pool}/addServer", server!.DeepClone());
        var poolView = await a.GetAsync($"ServerPool/{pool}");
        Assert.Equal(2, poolView["serverIds"]!.AsArray().Count);
        Assert.NotNull(poolView["masterServerId"]);
        Assert.Equal(cluster, poolView["clusterId"]!["value"]!.GetValue<string>());

        var repo = ResultId(await a.RunAsync(HttpMethod.Post, $"FileSystem/{WsApiClient.Id(repoFs)}/Repository", new { name = "repo-a" }));
        foreach (var server in servers) await a.RunAsync(HttpMethod.Put, $"Repository/{repo}/present", server!.DeepClone());
        await a.RunAsync(HttpMethod.Put, $"Repository/{repo}/refresh");
        var repoView = await a.GetAsync($"Repository/{repo}");
        Assert.Equal(2, repoView["presentedServerIds"]!.AsArray().Count);

        var disk = ResultId(await a.RunAsync(HttpMethod.Post, $"Repository/{repo}/VirtualDisk?sparse=true",
            new { diskType = "VIRTUAL_DISK", size = 53687091200L, shareable = false, name = "ovmm-system.img" }));
        Assert.EndsWith(".img", disk);
        var iso = ResultId(await a.RunAsync(HttpMethod.Put, $"Repository/{repo}/importVirtualDisk?diskType=VIRTUAL_CDROM",
            new { urls = new[] { "http://repo.example/OracleVM-Manager-3.4.6-installer.iso" } }));
        Assert.EndsWith(".iso", iso);
        var vm = ResultId(await a.RunAsync(HttpMethod.Post, "Vm", new JsonObject
        {
            ["name"] = "ovmm-b-vm", ["repositoryId"] = new JsonObject { ["value"] = repo }, ["serverPoolId"] = new JsonObject { ["value"] = pool },
            ["memory"] = 8192, ["cpuCount"] = 2, ["highAvailability"] = true, ["osType"] = "Oracle Linux 7",
        }));
        await a.RunAsync(HttpMethod.Post, $"Vm/{vm}/VmDiskMapping", new JsonObject { ["virtualDiskId"] = new JsonObject { ["value"] = disk }, ["diskTarget"] = 0 });
        await a.RunAsync(HttpMethod.Post, $"Vm/{vm}/VmDiskMapping", new JsonObject { ["virtualDiskId"] = new JsonObject { ["value"] = iso }, ["diskTarget"] = 1 });
        var network = (await a.GetAsync("Network/id"))[0]!.DeepClone();
        await a.RunAsync(HttpMethod.Post, $"Vm/{vm}/VirtualNic", new JsonObject { ["networkId"] = network });
        await a.RunAsync(HttpMethod.Put, $"Vm/{vm}/start");

        var running = await a.GetAsync($"Vm/{vm}");
        Assert.Equal("RUNNING", running["vmRunState"]!.GetValue<string>());
        Assert.NotNull(running["serverId"]);
        Assert.Equal(2, (await a.GetAsync($"Vm/{vm}/VmDiskMapping")).AsArray().Count);
        Assert.Single((await a.GetAsync($"Vm/{vm}/VirtualNic")).AsArray());
        Assert.True((await s.GetAsync("sim/hosts/ovmm-b-vm"))["reachable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RepositoryRefresh_HasOneChildJobPerServer_DoneBeforeSummaryDone()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var repo = WsApiClient.Id(await a.ByNameAsync("Repository", "repo-a"));
        var job = await a.JobAsync(HttpMethod.Put, $"Repository/{repo}/refresh");
        Assert.Equal(2, job["childJobIds"]!.AsArray().Count);
        await s.AdvanceAsync(TimeSpan.FromSeconds(2.5));
        var parent = await a.GetAsync($"Job/{WsApiClient.Id(job)}");
        Assert.True(parent["done"]!.GetValue<bool>());
        Assert.False(parent["summaryDone"]!.GetValue<bool>());
        Assert.Equal("CHILD_RUNNING", parent["jobSummaryState"]!.GetValue<string>());
        var child = await a.GetAsync($"Job/{job["childJobIds"]![0]!["value"]!.GetValue<string>()}");
        Assert.Equal(WsApiClient.Id(job), child["parentJobId"]!["value"]!.GetValue<string>());
        Assert.Equal("SUCCESS", (await a.WaitAsync(job))["jobSummaryState"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScenarioLoad_RebuildsTheWorld()
    {
        await using var s = await SimSession.StartAsync();
        await s.PostAsync("sim/hosts/ovmm-a/services/ovmm/stop");
        await s.PostAsync("sim/scenarios/load", new { name = "fresh" });
        using var a = s.Manager("ovmm-a");
        Assert.Equal("RUNNING", (await a.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        Assert.Empty((await a.GetAsync("Server")).AsArray());
        var bad = await s.Control.PostAsync("sim/scenarios/load", new StringContent("{\"name\":\"nope\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
