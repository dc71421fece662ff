using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class Cluster : ModelObject
{
    public override string TypeName => "Cluster";
    public required ServerPool Pool { get; init; }
    public int TimeoutSeconds { get; set; } = 120;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        var devices = c.All<ClusterHeartbeatDevice>().Where(d => d.Cluster == this).ToList();
        o["clusterTimeout"] = TimeoutSeconds;
        o["serverPoolId"] = c.Ref(Pool);
        o["serverIds"] = c.Refs(Pool.Servers(c.All<Server>()));
        o["heartbeatDeviceIds"] = c.Refs(devices);
        o["fileSystemIds"] = c.Refs(devices.Select(d => d.FileSystem).OfType<FileSystem>());
    }
}
