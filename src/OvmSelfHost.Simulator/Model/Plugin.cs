using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>A FileServerPlugin or StorageArrayPlugin; every manager sees all of them.</summary>
internal sealed class Plugin : ModelObject
{
    public required string PluginType { get; init; }
    public override string TypeName => PluginType;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["pluginVersion"] = Id[(Id.IndexOf('(') + 1)..].TrimEnd(')');
        o["genericPlugin"] = true;
    }
}
