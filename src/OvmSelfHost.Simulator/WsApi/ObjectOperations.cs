using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Generic modify (optimistic, by <c>generation</c>), deletes, and job abort.</summary>
internal static class ObjectOperations
{
    public static WsReply Modify(WsContext c, string type, string id)
    {
        if (type == "Job") throw new WsException("JOB_000002", "Jobs are read-only");
        var target = ReadOperations.One(c, type, id);
        var body = c.Body;
        if (body.IdOf("id") is { } bodyId && bodyId != id)
            throw new WsException("GEN_000006", $"The id in the URI ({id}) does not match the id of the object ({bodyId})");
        if (target.IsLocked) throw WsException.Locked(target.TypeName, target.Name);
        if (body.Long("generation") is { } generation && generation != target.Generation)
            throw new WsException("GEN_000011",
                $"Object {target.Name} of type {type} is out of date: generation {generation} was sent, the current generation is {target.Generation}");
        return c.Submit($"Modify {type} {target.Name}", JobKind.Default, [target], () =>
        {
            target.Modify(body);
            return new JobOutcome(target);
        });
    }

    public static WsReply Delete(WsContext c, string type, string id)
    {
        var target = ReadOperations.One(c, type, id);
        return target switch
        {
            Vm => VmOperations.Delete(c, id),
            VirtualDisk => RepositoryOperations.DeleteDisk(c, id),
            VmDiskMapping m => VmDeviceOperations.Remove(c, m.Vm.Id, m),
            VirtualNic n => VmDeviceOperations.Remove(c, n.Vm.Id, n),
            ServerPool or Repository or Network => DeleteEmpty(c, target),
            _ => throw new WsException("GEN_000012", $"Delete is not supported for {type}"),
        };
    }

    private static WsReply DeleteEmpty(WsContext c, ModelObject target) =>
        c.Submit($"Delete {target.TypeName} {target.Name}", JobKind.Default, [target], () =>
        {
            var inUse = target switch
            {
                ServerPool p => c.Store.All<Server>().Any(s => s.Pool == p),
                Repository r => c.Store.All<VirtualDisk>().Any(d => d.Repository == r) || c.Store.All<Vm>().Any(v => v.Repository == r),
                Network n => c.Store.All<VirtualNic>().Any(v => v.Network == n) || n.Servers.Count > 0,
                _ => false,
            };
            if (inUse) throw new JobFailedException("OVMRU_000050E", $"{target.TypeName} {target.Name} is not empty");
            c.Store.Remove(target);
            return new JobOutcome();
        });

    public static WsReply DeleteChild(WsContext c, string parentId, string childType, string childId)
    {
        var child = ReadOperations.One(c, childType, childId);
        return child switch
        {
            VirtualDisk d when d.Repository.Id == parentId => RepositoryOperations.DeleteDisk(c, childId),
            VmDiskMapping or VirtualNic when ParentOf(child) == parentId => VmDeviceOperations.Remove(c, parentId, child),
            _ => throw new WsException("GEN_000008", $"{childType} {childId} is not a child of {parentId}"),
        };
    }

    private static string? ParentOf(ModelObject child) => child switch
    {
        VmDiskMapping m => m.Vm.Id,
        VirtualNic n => n.Vm.Id,
        _ => null,
    };

    public static WsReply Abort(WsContext c, string id)
    {
        var job = c.Find<Job>(id);
        c.World.Abort(job, c.Manager.User);
        return new WsReply(InferredChoices.JobCreatedStatus, job.Render(c.Render));
    }
}
