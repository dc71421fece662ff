using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>File servers, file systems, storage arrays (reference 6.5).</summary>
internal static class StorageOperations
{
    public static WsReply CreateFileServer(WsContext c)
    {
        var body = c.CreateBody();
        var accessHost = body.Str("accessHost") ?? throw new WsException("GEN_000001", "accessHost must be supplied");
        var admins = body.IdsOf("adminServerIds").Select(id => c.Find<Server>(id)).ToList();
        if (admins.Count == 0) throw new WsException("FILE_SERVER_000001", "Admin servers not found: adminServerIds must name at least one server");
        return c.Submit($"Discover File Server {body.Str("name") ?? accessHost}", JobKind.Discovery, [], () =>
        {
            var filer = c.Store.All<FileServer>().FirstOrDefault(f => f.FileServerType == "NETWORK"
                    && (f.AccessHost == accessHost || string.Equals(f.Name, accessHost, StringComparison.OrdinalIgnoreCase)))
                ?? throw new JobFailedException("OVMAPI_5001E", $"Cannot reach NFS server {accessHost} from server {admins[0].Name}", "SERVER");
            foreach (var admin in admins.Where(a => !filer.AdminServers.Contains(a))) filer.AdminServers.Add(admin);
            c.Manager.Learn(filer);
            return new JobOutcome(filer);
        });
    }

    public static WsReply RefreshFileServer(WsContext c, string id)
    {
        var filer = c.Find<FileServer>(id);
        return c.Submit($"Refresh File Server {filer.Name}", JobKind.Refresh, [filer], () =>
        {
            foreach (var fs in c.Store.All<FileSystem>().Where(f => f.FileServer == filer)) c.Manager.Learn(fs);
            return new JobOutcome(filer);
        });
    }

    public static WsReply RefreshFileSystem(WsContext c, string id)
    {
        var fs = c.Find<FileSystem>(id);
        return c.Submit($"Refresh File System {fs.Name}", JobKind.Refresh, [fs], () =>
        {
            fs.Refreshed = true;
            foreach (var repository in c.Store.All<Repository>().Where(r => r.FileSystem == fs)) c.Manager.Learn(repository);
            return new JobOutcome(fs);
        });
    }
}
