using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class Network : ModelObject
{
    public override string TypeName => "Network";
    public List<Server> Servers { get; } = [];
    public List<string> Roles { get; init; } = ["MANAGEMENT", "CLUSTER_HEARTBEAT", "LIVE_MIGRATE", "VIRTUAL_MACHINE", "STORAGE"];

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["roles"] = new JsonArray(Roles.Select(r => (JsonNode?)r).ToArray());
        o["ethernetPortIds"] = new JsonArray(Servers.Where(c.Manager.Knows)
            .Select(s => (JsonNode?)new JsonObject { ["name"] = $"bond0 on {s.Name}" }).ToArray());
        o["virtualNicIds"] = c.Refs(c.All<VirtualNic>().Where(n => n.Network == this));
        o["vlanInterfaceIds"] = new JsonArray();
        o["serverLocal"] = false;
        o["mtu"] = 0;
        o["serverId"] = null;
    }
}
