using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Server pools, clusters, heartbeat devices, networks and server refresh (reference 6.2-6.4).</summary>
internal static class PoolOperations
{
    public static WsReply CreatePool(WsContext c)
    {
        var body = c.CreateBody();
        var name = c.RequiredName(body);
        return c.Submit($"Create Server Pool {name}", JobKind.Default, [], () =>
        {
            var pool = c.Store.Add(new ServerPool
            {
                Id = c.World.Ids.ObjectId("ServerPool"), Name = name, Description = body.Str("description") ?? "",
                VirtualIp = body.Str("virtualIp"), ManagerUuid = c.Manager.Uuid,
            });
            c.Manager.Learn(pool);
            return new JobOutcome(pool);
        });
    }

    public static WsReply CreateCluster(WsContext c, string poolId)
    {
        var pool = c.Find<ServerPool>(poolId);
        var body = c.CreateBody();
        if (pool.Cluster is not null) throw new WsException("CLUSTER_000000", $"A cluster already exists for server pool {pool.Name}");
        return c.Submit($"Create Cluster for Server Pool {pool.Name}", JobKind.Default, [pool], () =>
        {
            var cluster = c.Store.Add(new Cluster
            {
                Id = c.World.Ids.ObjectId("Cluster"), Name = body.Str("name") ?? $"{pool.Name}_cluster", Pool = pool,
                Environment = pool.Environment,
            });
            pool.Cluster = cluster;
            c.Manager.Learn(cluster);
            return new JobOutcome(cluster);
        });
    }

    public static WsReply CreateHeartbeatDevice(WsContext c, string clusterId)
    {
        var cluster = c.Find<Cluster>(clusterId);
        var body = c.CreateBody();
        var storageType = body.Str("storageType") ?? throw new WsException("CLUSTER_HEARTBEAT_DEV_000004", "storageType is required");
        var fs = c.FindOptional<FileSystem>(body.IdOf("networkFileSystemId"));
        if (storageType == "NFS" && fs is not { FileServer.FileServerType: "NETWORK" })
            throw new WsException("CLUSTER_HEARTBEAT_DEV_000003", "An NFS heartbeat device needs a network file system (networkFileSystemId)");
        return c.Submit($"Create Cluster Heartbeat Device on {fs?.Name}", JobKind.Default, [cluster], () =>
        {
            var device = c.Store.Add(new ClusterHeartbeatDevice
            {
                Id = c.World.Ids.ObjectId("ClusterHeartbeatDevice"), Name = body.Str("name") ?? $"{cluster.Name}_heartbeat",
                Cluster = cluster, FileSystem = fs, StorageType = storageType, ManagerUuid = c.Manager.Uuid,
            });
            c.Manager.Learn(device);
            return new JobOutcome(device);
        });
    }

    public static WsReply AddServer(WsContext c, string poolId)
    {
        var pool = c.Find<ServerPool>(poolId);
        var server = c.Find<Server>(JsonBody.IdValue(c.Call.Body), "Server");
        return c.Submit($"Add Server {server.Name} to Server Pool {pool.Name}", JobKind.Default, [pool, server], () =>
        {
            if (server.ManagerUuid != c.Manager.Uuid)
                throw new JobFailedException("OVMRU_000021E", $"Cannot add server {server.Name}: it is owned by another manager ({server.ManagerUuid})");
            if (server.Pool is not null && server.Pool != pool)
                throw new JobFailedException("OVMRU_000020E", $"Server {server.Name} is already in server pool {server.Pool.Name}");
            server.Pool = pool;
            pool.Master ??= server;
            pool.Environment ??= server.Environment;
            return new JobOutcome(pool);
        });
    }

    public static WsReply RemoveServer(WsContext c, string poolId)
    {
        var pool = c.Find<ServerPool>(poolId);
        var server = c.Find<Server>(JsonBody.IdValue(c.Call.Body), "Server");
        return c.Submit($"Remove Server {server.Name} from Server Pool {pool.Name}", JobKind.Default, [pool, server], () =>
        {
            if (server.Pool != pool) throw new JobFailedException("OVMRU_000022E", $"Server {server.Name} is not in server pool {pool.Name}");
            if (c.Store.All<Vm>().Any(v => v.Server == server))
                throw new JobFailedException("OVMRU_000023E", $"Server {server.Name} still runs virtual machines");
            server.Pool = null;
            if (pool.Master == server) pool.Master = pool.Servers(c.Store.All<Server>()).FirstOrDefault();
            return new JobOutcome(pool);
        });
    }

    public static WsReply CreateNetwork(WsContext c)
    {
        var body = c.CreateBody();
        var name = c.RequiredName(body);
        return c.Submit($"Create Network {name}", JobKind.Default, [], () =>
        {
            var network = c.Store.Add(new Network
            {
                Id = c.World.Ids.ObjectId("Network")[^10..], Name = name, Description = body.Str("description") ?? "",
                Roles = body.Strings("roles") is { Count: > 0 } roles ? [.. roles] : ["VIRTUAL_MACHINE"],
            });
            c.Manager.Learn(network);
            return new JobOutcome(network);
        });
    }

    public static WsReply Refresh(WsContext c, ModelObject target, JobKind kind = JobKind.Refresh) =>
        c.Submit($"Refresh {target.TypeName} {target.Name}", kind, [target], () => new JobOutcome(target));
}
