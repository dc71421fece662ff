using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary><c>PUT /Vm/{id}/clone?serverPoolId=&amp;repositoryId=&amp;createTemplate=false[&amp;name=]</c>: copies settings, disks and vNICs.</summary>
internal static class VmCloneOperation
{
    public static WsReply Clone(WsContext c, string id)
    {
        var source = c.Find<Vm>(id);
        var pool = c.FindOptional<ServerPool>(c.Call.Q("serverPoolId")) ?? source.Pool;
        var repository = c.FindOptional<Repository>(c.Call.Q("repositoryId")) ?? source.Repository;
        var template = string.Equals(c.Call.Q("createTemplate"), "true", StringComparison.OrdinalIgnoreCase);
        var name = c.Call.Q("name") ?? InferredChoices.CloneName(source.Name, c.Store.All<Vm>().Count(v => v.Name.StartsWith(source.Name + ".", StringComparison.Ordinal)));
        return c.Submit($"Clone VM {source.Name} to {name}", JobKind.Default, [source], () =>
        {
            if (repository is null || repository.ManagerUuid != c.Manager.Uuid)
                throw new JobFailedException("OVMRU_002044E", $"Repository {repository?.Name} is owned by another manager or missing");
            var clone = Copy(c, source, name, pool, repository, template);
            CopyDevices(c, source, clone, repository);
            return new JobOutcome(clone);
        });
    }

    private static Vm Copy(WsContext c, Vm source, string name, ServerPool? pool, Repository repository, bool template)
    {
        var clone = c.Store.Add(new Vm
        {
            Id = c.World.Ids.ObjectId("Vm"), Name = name, Description = source.Description, Repository = repository, Pool = pool,
            RunState = template ? "TEMPLATE" : "STOPPED", Memory = source.Memory, MemoryLimit = source.MemoryLimit,
            CpuCount = source.CpuCount, CpuCountLimit = source.CpuCountLimit, CpuPriority = source.CpuPriority,
            CpuUtilizationCap = source.CpuUtilizationCap, HighAvailability = source.HighAvailability, OsType = source.OsType,
            VmDomainType = source.VmDomainType, BootOrder = [.. source.BootOrder], Environment = pool?.Environment ?? repository.Environment,
        });
        c.Manager.Learn(clone);
        return clone;
    }

    private static void CopyDevices(WsContext c, Vm source, Vm clone, Repository repository)
    {
        foreach (var mapping in c.Store.All<VmDiskMapping>().Where(m => m.Vm == source).ToList())
        {
            var disk = mapping.Disk is { IsIso: false } d
                ? RepositoryOperations.AddDisk(c, repository, $"{d.Name} ({clone.Name})", false, d.SizeBytes, d.Shareable)
                : mapping.Disk;
            c.Manager.Learn(c.Store.Add(new VmDiskMapping
            {
                Id = c.World.Ids.ObjectId("VmDiskMapping"), Name = $"Mapping for disk Id ({disk?.Id ?? "EMPTY_CDROM"})", Vm = clone, Disk = disk,
                DiskTarget = mapping.DiskTarget, DiskWriteMode = mapping.DiskWriteMode, EmulatedBlockDevice = mapping.EmulatedBlockDevice,
            }));
        }
        foreach (var nic in c.Store.All<VirtualNic>().Where(n => n.Vm == source).ToList())
        {
            var mac = c.World.Ids.MacAddress();
            c.Manager.Learn(c.Store.Add(new VirtualNic { Id = c.World.Ids.ObjectId("VirtualNic"), Name = mac, Vm = clone, Network = nic.Network, MacAddress = mac }));
        }
    }
}
