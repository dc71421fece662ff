using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Scenarios;

/// <summary>Builds one environment's hardware; everything owned is learned by the environment's manager.</summary>
internal sealed class EnvironmentBuilder(SimulationWorld world, EnvironmentDefinition env, SimManager? manager)
{
    private const long Gb = 1L << 30;
    private readonly Dictionary<string, Server> servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FileSystem> exports = new(StringComparer.Ordinal);
    private Network network = null!;

    private T Add<T>(T o, bool known = true) where T : ModelObject
    {
        o.Environment = env.Name;
        world.Store.Add(o);
        if (known) manager?.Learn(o);
        return o;
    }

    private string NewId(string type) => world.Ids.ObjectId(type);

    /// <summary>Storage, pools and repositories are known to the manager only if it owns servers of the environment.</summary>
    private bool Discovered => manager is not null && env.Servers.Any(s => s.Owned);

    public void Build()
    {
        network = Add(new Network { Id = env.Network.Id, Name = env.Network.Name }, Discovered);
        foreach (var s in env.Servers) AddServer(s);
        if (env.FileServer is { } fs) AddFileServer(fs);
        if (env.Pool is { } pool) AddPool(pool);
        foreach (var r in env.Repositories) AddRepository(r);
    }

    private void AddServer(ServerDefinition s)
    {
        var owned = s.Owned && manager is not null;
        var server = Add(new Server
        {
            Id = world.Ids.ServerId(), Name = s.Name, Hostname = s.Name, IpAddress = s.Ip, AgentPassword = s.AgentPassword ?? world.DefaultPassword,
            ManagerUuid = owned ? manager!.Uuid : null,
        }, owned);
        var nfsPlugin = world.Store.Find("oracle.ocfs2.OCFS2.OCFS2Plugin (0.1.0-42.1)")!;
        var scsiPlugin = world.Store.Find("oracle.generic.SCSIPlugin.GenericPlugin (1.1.0)")!;
        server.LocalFileServer = Add(new FileServer { Id = NewId("FileServer"), Name = $"Local FS {s.Name}", FileServerType = "LOCAL", LocalServer = server, Plugin = nfsPlugin }, owned);
        server.LocalStorageArray = Add(new StorageArray { Id = NewId("StorageArray"), Name = $"Generic Local Storage Array @ {s.Name}", LocalServer = server, Plugin = scsiPlugin }, owned);
        network.Servers.Add(server);
        servers[s.Name] = server;
    }

    private void AddFileServer(FileServerDefinition f)
    {
        var plugin = world.Store.Find("oracle.generic.NFSPlugin.GenericNFSPlugin (1.1.0)")!;
        var filer = Add(new FileServer { Id = NewId("FileServer"), Name = f.Name, AccessHost = f.AccessHost, Plugin = plugin }, Discovered);
        filer.AdminServers.AddRange(servers.Values.Take(1));
        foreach (var path in f.Exports)
        {
            exports[path] = Add(new FileSystem { Id = NewId("FileSystem"), Name = $"nfs:{path}", Path = $"{f.AccessHost}:{path}", FileServer = filer }, Discovered);
        }
    }

    private void AddPool(PoolDefinition p)
    {
        var pool = Add(new ServerPool { Id = NewId("ServerPool"), Name = p.Name, VirtualIp = p.VirtualIp, ManagerUuid = manager?.Uuid }, Discovered);
        foreach (var name in p.Servers)
        {
            servers[name].Pool = pool;
            pool.Master ??= servers[name];
        }
        if (!p.Clustered) return;
        pool.Cluster = Add(new Cluster { Id = NewId("Cluster"), Name = $"{p.Name}_cluster", Pool = pool }, Discovered);
        Add(new ClusterHeartbeatDevice
        {
            Id = NewId("ClusterHeartbeatDevice"), Name = $"{p.Name}_heartbeat", Cluster = pool.Cluster, ManagerUuid = manager?.Uuid,
            FileSystem = p.HeartbeatExport is null ? null : exports[p.HeartbeatExport],
        }, Discovered);
    }

    private void AddRepository(RepositoryDefinition r)
    {
        var known = Discovered;
        var repository = Add(new Repository { Id = NewId("Repository"), Name = r.Name, FileSystem = exports[r.Export], ManagerUuid = manager?.Uuid }, known);
        repository.PresentedServers.AddRange(r.PresentedTo.Select(n => servers[n]));
        foreach (var iso in r.Isos ?? [])
        {
            Add(new VirtualDisk { Id = world.Ids.VirtualDiskId(true), Name = iso.Name, Repository = repository, DiskType = "VIRTUAL_CDROM", SizeBytes = (long)(iso.SizeGb * Gb), Shareable = true }, known);
        }
        foreach (var vm in r.Vms ?? []) AddVm(vm, repository, known);
    }

    private void AddVm(VmDefinition d, Repository repository, bool known)
    {
        var server = d.RunningOn is null ? null : servers[d.RunningOn];
        var vm = Add(new Vm
        {
            Id = NewId("Vm"), Name = d.Name, Repository = repository, Pool = d.Template ? null : server?.Pool ?? servers.Values.FirstOrDefault()?.Pool,
            RunState = d.Template ? "TEMPLATE" : server is null ? "STOPPED" : "RUNNING", Server = server, BootedAt = server is null ? null : world.Now.AddDays(-1),
            Memory = d.MemoryMb, MemoryLimit = d.MemoryMb, CpuCount = d.Cpus, CpuCountLimit = d.Cpus, HighAvailability = d.Ha, OsType = d.OsType,
        }, known);
        var slot = 0;
        foreach (var disk in d.Disks)
        {
            var vd = Add(new VirtualDisk { Id = world.Ids.VirtualDiskId(false), Name = disk.Name, Repository = repository, SizeBytes = (long)(disk.SizeGb * Gb) }, known);
            Add(new VmDiskMapping { Id = NewId("VmDiskMapping"), Name = $"Mapping for disk Id ({vd.Id})", Vm = vm, Disk = vd, DiskTarget = slot++ }, known);
        }
        if (d.Nic)
        {
            var mac = world.Ids.MacAddress();
            Add(new VirtualNic { Id = NewId("VirtualNic"), Name = mac, Vm = vm, Network = network, MacAddress = mac }, known);
        }
    }
}
