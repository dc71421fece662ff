using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class VirtualNic : ModelObject
{
    public override string TypeName => "VirtualNic";
    public required Vm Vm { get; init; }
    public Network? Network { get; init; }
    public required string MacAddress { get; init; }

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["macAddress"] = MacAddress;
        o["ipAddresses"] = new JsonArray();
        o["interfaceName"] = null;
        o["vmId"] = c.Ref(Vm);
        o["networkId"] = c.Ref(Network);
    }
}
