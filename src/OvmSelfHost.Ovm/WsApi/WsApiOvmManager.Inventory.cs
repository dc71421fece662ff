using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

public sealed partial class WsApiOvmManager
{
    public async Task<EnvironmentInventory> GetInventoryAsync(CancellationToken cancellationToken)
    {
        var manager = ManagerAsync(cancellationToken);
        var servers = Read(_api.GetServers, "list servers", cancellationToken);
        var pools = Read(_api.GetServerPools, "list server pools", cancellationToken);
        var repositories = Read(_api.GetRepositories, "list repositories", cancellationToken);
        var vms = Read(_api.GetVms, "list VMs", cancellationToken);
        var disks = Read(_api.GetVirtualDisks, "list virtual disks", cancellationToken);
        var networks = Read(_api.GetNetworks, "list networks", cancellationToken);
        var fileServers = Read(_api.GetFileServers, "list file servers", cancellationToken);
        var arrays = Read(_api.GetStorageArrays, "list storage arrays", cancellationToken);
        await Task.WhenAll(manager, servers, pools, repositories, vms, disks, networks, fileServers, arrays);

        return new EnvironmentInventory(
            (await manager).ManagerUuid ?? (await manager).IdValue,
            [.. (await servers).Select(ToFacts)],
            [.. (await pools).Select(p => ToFacts(p, servers.Result))],
            [.. (await repositories).Select(ToFacts)],
            [.. (await vms).Select(ToFacts)],
            Named(await disks),
            Named(await networks),
            Named(await fileServers),
            Named(await arrays));
    }

    private static ServerFacts ToFacts(Server server) =>
        new(server.IdValue, server.Name ?? "", server.ServerPoolId?.Value, server.ManagerUuid, server.ServerRunState ?? "UNKNOWN", server.UsableMemory);

    private static PoolFacts ToFacts(ServerPool pool, IReadOnlyList<Server> servers)
    {
        var members = pool.ServerIds?.Select(s => s.Value)
            ?? servers.Where(s => s.ServerPoolId?.Value == pool.IdValue).Select(s => s.IdValue);
        return new PoolFacts(pool.IdValue, pool.Name ?? "", pool.ClusterId is not null, [.. members]);
    }

    private static RepositoryFacts ToFacts(Repository repository) => new(
        repository.IdValue,
        repository.Name ?? "",
        repository.ManagerUuid,
        [.. (repository.PresentedServerIds ?? []).Select(s => s.Value)]);

    private static VmFacts ToFacts(Vm vm) => new(
        vm.IdValue, vm.Name ?? "", vm.ServerPoolId?.Value, vm.ServerId?.Value, vm.VmRunState ?? "UNKNOWN", vm.HighAvailability, vm.RepositoryId?.Value, vm.Memory);

    private static IReadOnlyList<NamedObject> Named(IEnumerable<OvmObject> objects) =>
        [.. objects.Select(o => new NamedObject(o.IdValue, o.Name ?? ""))];
}
