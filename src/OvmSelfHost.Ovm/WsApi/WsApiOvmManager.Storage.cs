using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

public sealed partial class WsApiOvmManager
{
    private const string NfsPluginName = "Oracle Generic Network File System";

    private async Task<OvmJobTicket> CreateFileServerAsync(CreateNfsFileServer create, CancellationToken cancellationToken)
    {
        var plugins = await Read(_api.GetFileServerPluginIds, "list file server plugins", cancellationToken);
        var nfs = plugins.FirstOrDefault(p => string.Equals(p.Name, NfsPluginName, StringComparison.OrdinalIgnoreCase))
            ?? plugins.FirstOrDefault(p => p.Value.Contains("NFS", StringComparison.OrdinalIgnoreCase))
            ?? throw new OvmFaultException(OvmFaultKind.NotFound, $"{_endpoint.Label} has no '{NfsPluginName}' file server plugin.");
        var body = new FileServer
        {
            Name = create.Name,
            AccessHost = create.AccessHost,
            FileServerType = "NETWORK",
            FileServerPluginId = nfs,
            AdminServerIds = [.. create.AdminServerIds.Select(id => SimpleId.Of("Server", id))],
            UniformExports = true,
        };
        return await SubmitAsync(() => _api.CreateFileServer(body, cancellationToken), create);
    }

    private async Task<OvmJobTicket> CreateClusteredPoolAsync(CreateClusteredPool create, CancellationToken cancellationToken)
    {
        var pools = await Read(_api.GetServerPools, "list server pools", cancellationToken);
        var poolId = pools.FirstOrDefault(p => p.Name == create.Name)?.IdValue
            ?? await RunToEndAsync(
                () => _api.CreateServerPool(new ServerPoolCreate(create.Name, NullIfEmpty(create.VirtualIp)), cancellationToken),
                $"create server pool {create.Name}",
                cancellationToken)
            ?? throw NoResult("server pool");

        var pool = await Read(ct => _api.GetServerPool(poolId, ct), $"read server pool {create.Name}", cancellationToken);
        var clusterId = pool.ClusterId?.Value
            ?? await RunToEndAsync(
                () => _api.CreateCluster(poolId, new NamedCreate($"{create.Name}_cluster"), cancellationToken),
                $"create the cluster of pool {create.Name}",
                cancellationToken)
            ?? throw NoResult("cluster");

        var cluster = await Read(ct => _api.GetCluster(clusterId, ct), $"read the cluster of pool {create.Name}", cancellationToken);
        if (cluster.HeartbeatDeviceIds is { Count: > 0 })
        {
            throw new OvmFaultException(
                OvmFaultKind.Conflict, $"Server pool {create.Name} already exists, clustered, with a heartbeat device; there is nothing left to create.");
        }

        var device = new ClusterHeartbeatDevice
        {
            Name = $"{create.Name}_heartbeat",
            StorageType = "NFS",
            NetworkFileSystemId = SimpleId.Of("FileSystem", create.HeartbeatFileSystemId),
        };
        return await SubmitAsync(() => _api.CreateHeartbeatDevice(clusterId, device, cancellationToken), create);
    }

    private OvmFaultException NoResult(string what) =>
        new(OvmFaultKind.BadResponse, $"{_endpoint.Label} finished creating the {what} without naming it (no resultId).");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
