using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>A storage repository; its owner (<see cref="ManagerUuid"/>) is written into the repository itself.</summary>
internal sealed class Repository : ModelObject
{
    public override string TypeName => "Repository";
    public required FileSystem FileSystem { get; init; }
    public string? ManagerUuid { get; set; }
    public List<Server> PresentedServers { get; } = [];
    public bool Refreshed { get; set; } = true;

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["fileSystemId"] = c.Ref(FileSystem);
        o["managerUuid"] = ManagerUuid;
        o["presentedServerIds"] = c.Refs(PresentedServers);
        o["virtualDiskIds"] = c.Refs(c.All<VirtualDisk>().Where(d => d.Repository == this));
        o["vmIds"] = c.Refs(c.All<Vm>().Where(v => v.Repository == this));
        o["assemblyIds"] = new JsonArray();
        o["refreshed"] = Refreshed;
        o["sharePath"] = null;
    }
}
