using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class ServerPool : ModelObject
{
    public override string TypeName => "ServerPool";
    public string? ManagerUuid { get; set; }
    public string? VirtualIp { get; set; }
    public Cluster? Cluster { get; set; }
    public Server? Master { get; set; }
    public string VmStartPolicy { get; set; } = "BEST_SERVER";

    public IEnumerable<Server> Servers(IEnumerable<Server> all) => all.Where(s => s.Pool == this);

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["serverIds"] = c.Refs(Servers(c.All<Server>()));
        o["masterServerId"] = c.Ref(Master);
        o["vmIds"] = c.Refs(c.All<Vm>().Where(v => v.Pool == this && !v.IsTemplate));
        o["unassignedVmIds"] = new JsonArray();
        o["affinityGroupIds"] = new JsonArray();
        o["clusterId"] = c.Ref(Cluster);
        o["virtualIp"] = VirtualIp;
        o["keymap"] = "en-us";
        o["secureVmMigrate"] = false;
        o["vmStartPolicy"] = VmStartPolicy;
        o["managerUuid"] = ManagerUuid;
    }

    public override void Modify(JsonObject body)
    {
        base.Modify(body);
        VmStartPolicy = body.Str("vmStartPolicy") ?? VmStartPolicy;
    }
}
