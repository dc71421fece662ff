using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class FileServer : ModelObject
{
    public override string TypeName => "FileServer";
    public string FileServerType { get; init; } = "NETWORK";
    public string? AccessHost { get; init; }
    public Server? LocalServer { get; init; }
    public required ModelObject Plugin { get; init; }
    public List<Server> AdminServers { get; } = [];

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["fileServerType"] = FileServerType;
        o["accessHost"] = AccessHost;
        o["fileSystemIds"] = c.Refs(c.All<FileSystem>().Where(f => f.FileServer == this));
        o["fileServerPluginId"] = c.Ref(Plugin);
        o["adminServerIds"] = c.Refs(AdminServers);
        o["refreshServerIds"] = c.Refs(AdminServers);
        o["serverId"] = c.Ref(LocalServer);
        o["zoneIds"] = new JsonArray();
        o["accessGroupIds"] = new JsonArray();
        o["uniformExports"] = true;
        o["storageDescription"] = FileServerType == "LOCAL" ? "Local storage" : $"NFS filer {AccessHost}";
    }
}
