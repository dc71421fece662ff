using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Disk mappings (incl. ISO CD-ROMs) and virtual NICs of a VM.</summary>
internal static class VmDeviceOperations
{
    public const string EmptyCdrom = "EMPTY_CDROM";

    public static WsReply MapDisk(WsContext c, string vmId)
    {
        var vm = c.Find<Vm>(vmId);
        var body = c.CreateBody();
        var diskId = body.IdOf("virtualDiskId")
            ?? throw new WsException("VM_DISK_MAPPING_000003", "A disk mapping must supply one of virtual disk or storage element");
        var disk = diskId == EmptyCdrom ? null : c.Find<VirtualDisk>(diskId);
        var target = (int)(body.Long("diskTarget") ?? NextSlot(c, vm));
        return c.Submit($"Create Vm Disk Mapping for {vm.Name}", JobKind.Default, [vm], () =>
        {
            if (c.Store.All<VmDiskMapping>().Any(m => m.Vm == vm && m.DiskTarget == target))
                throw new JobFailedException("OVMRU_005030E", $"Disk slot {target} of VM {vm.Name} is already in use");
            var mapping = c.Store.Add(new VmDiskMapping
            {
                Id = c.World.Ids.ObjectId("VmDiskMapping"), Name = $"Mapping for disk Id ({disk?.Id ?? EmptyCdrom})", Vm = vm, Disk = disk,
                DiskTarget = target, DiskWriteMode = body.Str("diskWriteMode") ?? (disk?.IsIso == true ? "READ_ONLY" : "READ_WRITE"),
                EmulatedBlockDevice = body.Bool("emulatedBlockDevice") ?? false,
            });
            c.Manager.Learn(mapping);
            return new JobOutcome(mapping);
        });
    }

    private static long NextSlot(WsContext c, Vm vm) =>
        Enumerable.Range(0, 64).First(i => c.Store.All<VmDiskMapping>().All(m => m.Vm != vm || m.DiskTarget != i));

    public static WsReply AddNic(WsContext c, string vmId)
    {
        var vm = c.Find<Vm>(vmId);
        var body = c.CreateBody();
        var network = c.Find<Network>(body.IdOf("networkId"), "networkId");
        var mac = body.Str("macAddress") ?? c.World.Ids.MacAddress();
        return c.Submit($"Create Virtual NIC for {vm.Name}", JobKind.Default, [vm], () =>
        {
            var nic = c.Store.Add(new VirtualNic { Id = c.World.Ids.ObjectId("VirtualNic"), Name = body.Str("name") ?? mac, Vm = vm, Network = network, MacAddress = mac });
            c.Manager.Learn(nic);
            return new JobOutcome(nic);
        });
    }

    public static WsReply Remove(WsContext c, string vmId, ModelObject part)
    {
        var vm = c.Find<Vm>(vmId);
        return c.Submit($"Delete {part.TypeName} {part.Name} of {vm.Name}", JobKind.Default, [vm, part], () =>
        {
            c.Store.Remove(part);
            return new JobOutcome(vm);
        });
    }
}
