using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class ClusterHeartbeatDevice : ModelObject
{
    public override string TypeName => "ClusterHeartbeatDevice";
    public required Cluster Cluster { get; init; }
    public FileSystem? FileSystem { get; init; }
    public string StorageType { get; init; } = "NFS";
    public string? ManagerUuid { get; set; }

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["managerUuid"] = ManagerUuid;
        o["storageType"] = StorageType;
        o["clusterId"] = c.Ref(Cluster);
        o["networkFileSystemId"] = c.Ref(FileSystem);
        o["storageElementId"] = null;
        o["clusterStorageFsId"] = null;
    }
}
