using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>An NFS export (or a local file system) as a FileSystem object; <see cref="Name"/> is <c>nfs:/export/path</c>.</summary>
internal sealed class FileSystem : ModelObject
{
    public override string TypeName => "FileSystem";
    public required FileServer FileServer { get; init; }
    public required string Path { get; init; }
    public long SizeBytes { get; init; } = 2L << 40;
    public bool Refreshed { get; set; } = true;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["fileServerIds"] = c.Refs([FileServer]);
        o["repositoryIds"] = c.Refs(c.All<Repository>().Where(r => r.FileSystem == this));
        o["fileSystemMountIds"] = new JsonArray();
        o["clusterId"] = null;
        o["clusterHeartbeatDeviceId"] = c.Ref(c.All<ClusterHeartbeatDevice>().FirstOrDefault(d => d.FileSystem == this));
        o["storageElementId"] = null;
        o["path"] = Path;
        o["size"] = SizeBytes;
        o["freeSize"] = SizeBytes - c.All<VirtualDisk>().Where(d => d.Repository.FileSystem == this).Sum(d => d.SizeBytes);
        o["refreshed"] = Refreshed;
        o["shared"] = FileServer.FileServerType == "NETWORK";
        o["accessGroupId"] = null;
    }
}
