using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Contract;

/// <summary>The WS-API adapter against the real simulator: reads and each operation.</summary>
public sealed class WsApiContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Status_ReportsRunningManagerWithItsUuid()
    {
        var status = await sim.ManagerA.GetStatusAsync(CancellationToken.None);

        Assert.True(status.IsRunning);
        Assert.Equal(sim.Simulator.Manager("ovmm-a").Uuid, status.ManagerUuid);
    }

    [Fact]
    public async Task Inventory_ListsTheDefaultScenarioWithOwners()
    {
        var inventory = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);
        var uuid = sim.Simulator.Manager("ovmm-a").Uuid;

        Assert.Equal(uuid, inventory.ManagerUuid);
        Assert.Contains(inventory.Servers, s => s.Name == "ovs-a1" && s.OwnerManagerUuid == uuid && s.PoolId is not null);
        var pool = Assert.Single(inventory.Pools, p => p.Name == "pool-a");
        Assert.True(pool.Clustered);
        Assert.Equal(2, pool.ServerIds.Count);
        Assert.Contains(inventory.Repositories, r => r.Name == "repo-a" && r.OwnerManagerUuid == uuid && r.PresentedServerIds.Count == 2);
        Assert.Contains(inventory.Vms, v => v.Name == "app-a1" && v.HighAvailability && v.RunState == "RUNNING");
        Assert.Contains(inventory.Vms, v => v.Name == "OL7U9-ovmm-template" && v.RunState == "TEMPLATE");
        Assert.Contains(inventory.VirtualDisks, d => d.Name == "OracleVM-Manager-3.4.6-installer.iso");
        Assert.NotEmpty(inventory.Networks);
        Assert.Contains(inventory.FileServers, f => f.Name == "nfs-a");
        Assert.NotEmpty(inventory.StorageArrays);
    }

    [Fact]
    public async Task StopThenStartVm_JobsSucceed()
    {
        var vm = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Vm("app-a2");

        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new StopVm(vm))).State);
        Assert.Equal("STOPPED", await VmStateAsync("app-a2"));
        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new StartVm(vm))).State);
        Assert.Equal("RUNNING", await VmStateAsync("app-a2"));
    }

    [Fact]
    public async Task RefreshOperations_JobsSucceed()
    {
        var inventory = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);

        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new RefreshRepository(inventory.Repository("repo-a")))).State);
        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new RefreshFileServer(inventory.FileServer("nfs-a")))).State);
        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new DiscoverServer("ovs-a1"))).State);
        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, new PresentRepository(inventory.Repository("repo-a"), inventory.Server("ovs-a2")))).State);
    }

    [Fact]
    public async Task CreateNfsFileServer_KnownFiler_JobSucceeds()
    {
        var inventory = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);

        var result = await RunAsync(sim.ManagerA, new CreateNfsFileServer("nfs-a-again", "nfs-a", [inventory.Server("ovs-a1")]));

        Assert.Equal(OvmJobState.Succeeded, result.State);
        Assert.NotNull(result.ResultId);
    }

    [Fact]
    public async Task CreateRepository_OnAFileSystemThatHasOne_JobFailsWithCode()
    {
        var result = await RunAsync(sim.ManagerA, new CreateRepository("repo-dup", await FileSystemOfAsync("repo-a")));

        Assert.Equal(OvmJobState.Failed, result.State);
        Assert.Equal("OVMRU_002032E", result.ErrorCode);
        Assert.Contains("already holds a repository", result.ErrorMessage);
    }

    [Fact]
    public async Task CreateClusteredPool_ThenAddServer_JobsRun()
    {
        var heartbeat = await PoolFileSystemAsync();

        var created = await RunAsync(sim.ManagerB, new CreateClusteredPool("pool-b2", "10.0.0.99", heartbeat));

        Assert.Equal(OvmJobState.Succeeded, created.State);
        var inventory = await sim.ManagerB.GetInventoryAsync(CancellationToken.None);
        Assert.Contains(inventory.Pools, p => p.Name == "pool-b2" && p.Clustered);
        var added = await RunAsync(sim.ManagerB, new AddServerToPool(inventory.Pool("pool-b2"), inventory.Server("ovs-b2")));
        Assert.True(added.IsDone);
        Assert.True(added.State == OvmJobState.Succeeded || added.ErrorMessage is not null);
    }

    [Fact]
    public async Task CreateManagerVm_ClonesTemplateWithHaThenAttachIso()
    {
        var inventory = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);
        var create = new CreateManagerVm(
            "ovmm-b-vm", inventory.Pool("pool-a"), inventory.Repository("repo-a"), "OL7U9-ovmm-template", 8192, 2, 50, true, inventory.Networks[0].Id);

        Assert.Equal(OvmJobState.Succeeded, (await RunAsync(sim.ManagerA, create)).State);

        var after = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);
        var vm = Assert.Single(after.Vms, v => v.Name == "ovmm-b-vm");
        Assert.True(vm.HighAvailability);
        Assert.Equal(inventory.Pool("pool-a"), vm.PoolId);
        var attach = new AttachIso(vm.Id, inventory.Repository("repo-a"), "OracleVM-Manager-3.4.6-installer.iso");
        Assert.False(await sim.ManagerA.IsIsoAttachedAsync(attach, CancellationToken.None));
        var iso = await RunAsync(sim.ManagerA, attach);
        Assert.Equal(OvmJobState.Succeeded, iso.State);
        Assert.True(await sim.ManagerA.IsIsoAttachedAsync(attach, CancellationToken.None));
    }

    internal static async Task<OvmJobResult> RunAsync(IOvmManager manager, OvmOperation operation)
    {
        var ticket = await manager.StartAsync(operation, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(ticket.JobId));
        return await manager.WaitForJobAsync(ticket.JobId, JobTimeout, CancellationToken.None);
    }

    private async Task<string> VmStateAsync(string name) =>
        (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Vms.Single(v => v.Name == name).RunState;

    private async Task<string> FileSystemOfAsync(string repositoryName)
    {
        using var response = await RawGetAsync("ovmm-a", "Repository");
        var repository = response.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == repositoryName);
        return repository.GetProperty("fileSystemId").GetProperty("value").GetString()!;
    }

    private async Task<string> PoolFileSystemAsync()
    {
        using var response = await RawGetAsync("ovmm-b", "FileSystem");
        return response.RootElement.EnumerateArray()
            .First(f => f.GetProperty("name").GetString()!.EndsWith("/pool", StringComparison.Ordinal))
            .GetProperty("id").GetProperty("value").GetString()!;
    }

    private async Task<System.Text.Json.JsonDocument> RawGetAsync(string manager, string type)
    {
        var info = sim.Simulator.Manager(manager);
        using var http = new HttpClient { BaseAddress = info.HttpBaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{info.User}:{info.Password}")));
        var text = await http.GetStringAsync($"{info.HttpBaseUrl.AbsolutePath.TrimEnd('/')}/{type}");
        return System.Text.Json.JsonDocument.Parse(text);
    }
}
