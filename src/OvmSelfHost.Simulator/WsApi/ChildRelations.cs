using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Parent → child lists of <c>GET /{Parent}/{id}/{Child}</c>.</summary>
internal static class ChildRelations
{
    public static IEnumerable<ModelObject>? Of(ObjectStore store, ModelObject parent, string child) => (parent, child) switch
    {
        (ServerPool p, "Server") => p.Servers(store.All<Server>()),
        (ServerPool p, "Vm") => store.All<Vm>().Where(v => v.Pool == p && !v.IsTemplate),
        (ServerPool p, "Cluster") => p.Cluster is null ? [] : [p.Cluster],
        (Server s, "Network") => store.All<Network>().Where(n => n.Servers.Contains(s)),
        (Server s, "Vm") => store.All<Vm>().Where(v => v.Server == s),
        (Server s, "StorageArray") => s.LocalStorageArray is null ? [] : [s.LocalStorageArray],
        (Repository r, "VirtualDisk") => store.All<VirtualDisk>().Where(d => d.Repository == r),
        (Repository r, "Vm") => store.All<Vm>().Where(v => v.Repository == r),
        (Vm v, "VmDiskMapping") => store.All<VmDiskMapping>().Where(m => m.Vm == v).OrderBy(m => m.DiskTarget),
        (Vm v, "VirtualNic") => store.All<VirtualNic>().Where(n => n.Vm == v),
        (VmDiskMapping m, "VirtualDisk") => m.Disk is null ? [] : [m.Disk],
        (FileServer f, "FileSystem") => store.All<FileSystem>().Where(fs => fs.FileServer == f),
        (FileSystem f, "Repository") => store.All<Repository>().Where(r => r.FileSystem == f),
        (Cluster cl, "ClusterHeartbeatDevice") => store.All<ClusterHeartbeatDevice>().Where(d => d.Cluster == cl),
        (Network n, "Server") => n.Servers,
        (Network n, "VirtualNic") => store.All<VirtualNic>().Where(v => v.Network == n),
        _ => null,
    };
}
