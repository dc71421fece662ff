using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.Ownership;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Repositories and their virtual disks (reference 6.6, 6.7). Only the owning UUID may use a repository.</summary>
internal static class RepositoryOperations
{
    public static WsReply Create(WsContext c, string fsId)
    {
        var fs = c.Find<FileSystem>(fsId);
        var name = c.RequiredName(c.CreateBody());
        return c.Submit($"Create Repository {name}", JobKind.Default, [fs], () =>
        {
            if (c.Store.All<Repository>().Any(r => r.FileSystem == fs))
                throw new JobFailedException("OVMRU_002032E", $"File system {fs.Name} already holds a repository");
            var repository = c.Store.Add(new Repository
            {
                Id = c.World.Ids.ObjectId("Repository"), Name = name, FileSystem = fs, ManagerUuid = c.Manager.Uuid, Environment = fs.Environment,
            });
            c.Manager.Learn(repository);
            return new JobOutcome(repository);
        });
    }

    public static WsReply Present(WsContext c, string id, bool present)
    {
        var repository = c.Find<Repository>(id);
        var server = c.Find<Server>(JsonBody.IdValue(c.Call.Body), "Server");
        var verb = present ? "Present" : "Unpresent";
        return c.Submit($"{verb} Repository {repository.Name} to Server {server.Name}", JobKind.Default, [repository], () =>
        {
            RequireOwner(c, repository);
            if (server.ManagerUuid != c.Manager.Uuid)
                throw new JobFailedException("OVMRU_002045E", $"Server {server.Name} is owned by another manager ({server.ManagerUuid})");
            if (present && !repository.PresentedServers.Contains(server)) repository.PresentedServers.Add(server);
            if (!present) repository.PresentedServers.Remove(server);
            return new JobOutcome(repository);
        });
    }

    public static WsReply Refresh(WsContext c, string id)
    {
        var repository = c.Find<Repository>(id);
        return c.Submit($"Refresh Repository {repository.Name}", JobKind.Refresh, [repository], () =>
        {
            RequireOwner(c, repository);
            OwnershipImport.RepositoryContents(c.Store, c.Manager, repository);
            repository.Refreshed = true;
            return new JobOutcome(repository);
        }, repository.PresentedServers.Select(s => $"Refresh Repository {repository.Name} on Server {s.Name}").ToList());
    }

    public static WsReply TakeOwnership(WsContext c, string id, bool take)
    {
        var repository = c.Find<Repository>(id);
        return c.Submit($"{(take ? "Take" : "Release")} ownership of Repository {repository.Name}", JobKind.Default, [repository], () =>
        {
            if (take && repository.ManagerUuid is not null && repository.ManagerUuid != c.Manager.Uuid) RequireOwner(c, repository);
            if (!take) RequireOwner(c, repository);
            repository.ManagerUuid = take ? c.Manager.Uuid : null;
            return new JobOutcome(repository);
        });
    }

    private static void RequireOwner(WsContext c, Repository repository)
    {
        if (repository.ManagerUuid != c.Manager.Uuid)
            throw new JobFailedException("OVMRU_002044E",
                $"Repository {repository.Name} is owned by another manager ({repository.ManagerUuid ?? "none"}); take ownership first");
    }

    public static WsReply CreateDisk(WsContext c, string repositoryId)
    {
        var repository = c.Find<Repository>(repositoryId);
        var body = c.CreateBody();
        var iso = body.Str("diskType") == "VIRTUAL_CDROM";
        var name = body.Str("name") ?? (iso ? "disk.iso" : "disk.img");
        return c.Submit($"Create Virtual Disk {name}", JobKind.Default, [], () =>
        {
            RequireOwner(c, repository);
            return new JobOutcome(AddDisk(c, repository, name, iso, body.Long("size") ?? 0, body.Bool("shareable") ?? false));
        });
    }

    public static WsReply ImportDisk(WsContext c, string repositoryId)
    {
        var repository = c.Find<Repository>(repositoryId);
        var urls = c.Body.Strings("urls");
        if (urls.Count == 0) throw new WsException("GEN_000001", "urls must be supplied");
        var iso = c.Call.Q("diskType") != "VIRTUAL_DISK";
        return c.Submit($"Import Virtual Disk {urls[0]}", JobKind.Refresh, [repository], () =>
        {
            RequireOwner(c, repository);
            var disks = urls.Select(u => AddDisk(c, repository, u.Split('/')[^1], iso, 4L << 30, iso)).ToList();
            return new JobOutcome(disks[0]);
        });
    }

    public static VirtualDisk AddDisk(WsContext c, Repository repository, string name, bool iso, long size, bool shareable)
    {
        var disk = c.Store.Add(new VirtualDisk
        {
            Id = c.World.Ids.VirtualDiskId(iso), Name = name, Repository = repository, DiskType = iso ? "VIRTUAL_CDROM" : "VIRTUAL_DISK",
            SizeBytes = size, Shareable = shareable, Environment = repository.Environment,
        });
        c.Manager.Learn(disk);
        return disk;
    }

    public static WsReply DeleteDisk(WsContext c, string diskId)
    {
        var disk = c.Find<VirtualDisk>(diskId);
        return c.Submit($"Delete Virtual Disk {disk.Name}", JobKind.Default, [disk, disk.Repository], () =>
        {
            if (c.Store.All<VmDiskMapping>().Any(m => m.Disk == disk))
                throw new JobFailedException("OVMRU_003010E", $"Virtual disk {disk.Name} is still mapped to a virtual machine");
            c.Store.Remove(disk);
            return new JobOutcome(disk.Repository);
        });
    }
}
