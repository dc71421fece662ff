using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Ownership;

/// <summary>
/// What a manager learns back from the hardware it owns (reference 10): the server's pool and storage at
/// discovery, the VM resources of a repository at refresh. Ownership is compared by UUID only.
/// </summary>
internal static class OwnershipImport
{
    public static void OwnedServer(ObjectStore store, SimManager manager, Server server)
    {
        manager.Learn(server);
        manager.Learn(server.LocalFileServer);
        manager.Learn(server.LocalStorageArray);
        foreach (var network in store.All<Network>().Where(n => n.Servers.Contains(server)))
        {
            manager.Learn(network);
        }
        if (server.Pool is { } pool && pool.ManagerUuid == manager.Uuid)
        {
            Pool(store, manager, pool);
        }
        foreach (var repository in store.All<Repository>().Where(r => r.PresentedServers.Contains(server) && r.ManagerUuid == manager.Uuid))
        {
            manager.Learn(repository);
            FileSystem(manager, repository.FileSystem);
        }
    }

    private static void Pool(ObjectStore store, SimManager manager, ServerPool pool)
    {
        manager.Learn(pool);
        manager.Learn(pool.Cluster);
        foreach (var device in store.All<ClusterHeartbeatDevice>().Where(d => d.Cluster == pool.Cluster))
        {
            manager.Learn(device);
            if (device.FileSystem is not null) FileSystem(manager, device.FileSystem);
        }
    }

    private static void FileSystem(SimManager manager, FileSystem fs)
    {
        manager.Learn(fs);
        manager.Learn(fs.FileServer);
    }

    public static void RepositoryContents(ObjectStore store, SimManager manager, Repository repository)
    {
        foreach (var disk in store.All<VirtualDisk>().Where(d => d.Repository == repository))
        {
            manager.Learn(disk);
        }
        foreach (var vm in store.All<Vm>().Where(v => v.Repository == repository))
        {
            manager.Learn(vm);
            foreach (var mapping in store.All<VmDiskMapping>().Where(m => m.Vm == vm)) manager.Learn(mapping);
            foreach (var nic in store.All<VirtualNic>().Where(n => n.Vm == vm)) manager.Learn(nic);
        }
    }
}
