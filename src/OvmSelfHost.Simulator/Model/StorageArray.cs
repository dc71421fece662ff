using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>The local storage array every discovered server brings along (reference 6.5).</summary>
internal sealed class StorageArray : ModelObject
{
    public override string TypeName => "StorageArray";
    public required Server LocalServer { get; init; }
    public required ModelObject Plugin { get; init; }

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["storageType"] = "LOCAL";
        o["accessHosts"] = new JsonArray();
        o["adminServerIds"] = c.Refs([LocalServer]);
        o["storageArrayPluginId"] = c.Ref(Plugin);
        o["status"] = "OK";
        o["validated"] = true;
    }
}
