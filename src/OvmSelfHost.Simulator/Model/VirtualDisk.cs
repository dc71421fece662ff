using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

internal sealed class VirtualDisk : ModelObject
{
    public override string TypeName => "VirtualDisk";
    public required Repository Repository { get; init; }
    public string DiskType { get; init; } = "VIRTUAL_DISK";
    public long SizeBytes { get; set; }
    public bool Shareable { get; set; }
    public bool IsIso => DiskType == "VIRTUAL_CDROM";

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        var path = $"/{(IsIso ? "ISOs" : "VirtualDisks")}/{Id}";
        var mounted = $"/OVS/Repositories/{Repository.Id}{path}";
        o["diskType"] = DiskType;
        o["size"] = SizeBytes;
        o["onDiskSize"] = IsIso ? SizeBytes : SizeBytes / 8;
        o["path"] = path;
        o["absolutePath"] = mounted;
        o["mountedPath"] = mounted;
        o["shareable"] = Shareable;
        o["importFileName"] = IsIso ? Name : null;
        o["repositoryId"] = c.Ref(Repository);
        o["vmDiskMappingIds"] = c.Refs(c.All<VmDiskMapping>().Where(m => m.Disk == this));
        o["assemblyVirtualDiskId"] = null;
    }

    public override void Modify(JsonObject body)
    {
        base.Modify(body);
        Shareable = body.Bool("shareable") ?? Shareable;
    }
}
