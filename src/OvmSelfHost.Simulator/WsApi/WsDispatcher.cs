using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.Ownership;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Routes a call by the URI mapping of reference 2 to its operation.</summary>
internal static class WsDispatcher
{
    public static WsReply Dispatch(WsContext c)
    {
        var s = c.Call.Segments;
        return c.Call.Method switch
        {
            "GET" => ReadOperations.Get(c),
            "POST" when s is ["login"] => new WsReply(200, null),
            "POST" => Post(c, s),
            "PUT" when s.Count == 2 => ObjectOperations.Modify(c, s[0], s[1]),
            "PUT" when s.Count == 3 => Action(c, s[0], s[1], s[2]),
            "DELETE" when s.Count == 2 => ObjectOperations.Delete(c, s[0], s[1]),
            "DELETE" when s.Count == 4 => ObjectOperations.DeleteChild(c, s[1], s[2], s[3]),
            _ => throw NoHandler(c),
        };
    }

    private static WsException NoHandler(WsContext c) => new("GEN_000003", $"No REST handler for {c.Call.Method} {c.Call.Path}");

    private static WsReply Post(WsContext c, IReadOnlyList<string> s) => (s.Count, s[0], s.Count == 3 ? s[2] : s.Count == 2 ? s[1] : null) switch
    {
        (2, "Server", "discover") => ServerDiscovery.Discover(c),
        (1, "ServerPool", _) => PoolOperations.CreatePool(c),
        (1, "Network", _) => PoolOperations.CreateNetwork(c),
        (1, "FileServer", _) => StorageOperations.CreateFileServer(c),
        (1, "Vm", _) => VmOperations.Create(c),
        (3, "ServerPool", "Cluster") => PoolOperations.CreateCluster(c, s[1]),
        (3, "Cluster", "ClusterHeartbeatDevice") => PoolOperations.CreateHeartbeatDevice(c, s[1]),
        (3, "FileSystem", "Repository") => RepositoryOperations.Create(c, s[1]),
        (3, "Repository", "VirtualDisk") => RepositoryOperations.CreateDisk(c, s[1]),
        (3, "Vm", "VmDiskMapping") => VmDeviceOperations.MapDisk(c, s[1]),
        (3, "Vm", "VirtualNic") => VmDeviceOperations.AddNic(c, s[1]),
        _ => throw NoHandler(c),
    };

    private static WsReply Action(WsContext c, string type, string id, string action) => (type, action) switch
    {
        ("Server", "refresh") => PoolOperations.Refresh(c, c.Find<Server>(id)),
        ("StorageArray", "refresh") => PoolOperations.Refresh(c, c.Find<StorageArray>(id)),
        ("ServerPool", "addServer") => PoolOperations.AddServer(c, id),
        ("ServerPool", "removeServer") => PoolOperations.RemoveServer(c, id),
        ("FileServer", "refresh") => StorageOperations.RefreshFileServer(c, id),
        ("FileSystem", "refresh") => StorageOperations.RefreshFileSystem(c, id),
        ("Repository", "present") => RepositoryOperations.Present(c, id, true),
        ("Repository", "unpresent") => RepositoryOperations.Present(c, id, false),
        ("Repository", "refresh") => RepositoryOperations.Refresh(c, id),
        ("Repository", "takeOwnership") => RepositoryOperations.TakeOwnership(c, id, true),
        ("Repository", "releaseOwnership") => RepositoryOperations.TakeOwnership(c, id, false),
        ("Repository", "importVirtualDisk") => RepositoryOperations.ImportDisk(c, id),
        ("Vm", "start" or "stop" or "kill" or "restart" or "suspend" or "resume") => VmOperations.Power(c, id, action),
        ("Vm", "migrate") => VmOperations.Migrate(c, id),
        ("Vm", "clone") => VmCloneOperation.Clone(c, id),
        ("Job", "abort") => ObjectOperations.Abort(c, id),
        _ => throw NoHandler(c),
    };
}
