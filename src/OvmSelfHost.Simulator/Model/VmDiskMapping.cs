using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>A disk slot of a VM: a virtual disk, an ISO (CD-ROM), or the empty CD-ROM (<see cref="Disk"/> null).</summary>
internal sealed class VmDiskMapping : ModelObject
{
    public override string TypeName => "VmDiskMapping";
    public required Vm Vm { get; init; }
    public VirtualDisk? Disk { get; init; }
    public int DiskTarget { get; init; }
    public string DiskWriteMode { get; init; } = "READ_WRITE";
    public bool EmulatedBlockDevice { get; init; }

    protected override void WriteFields(JsonObject o, RenderContext c)
    {
        o["vmId"] = c.Ref(Vm);
        o["virtualDiskId"] = Disk is null ? EmptyCdrom(c) : c.Ref(Disk);
        o["storageElementId"] = null;
        o["diskTarget"] = DiskTarget;
        o["diskWriteMode"] = DiskWriteMode;
        o["emulatedBlockDevice"] = EmulatedBlockDevice;
    }

    private static JsonObject EmptyCdrom(RenderContext c)
    {
        var id = c.SimpleId(new Plugin { Id = "EMPTY_CDROM", Name = "Empty CDROM", PluginType = "VirtualDisk" });
        return id;
    }
}
