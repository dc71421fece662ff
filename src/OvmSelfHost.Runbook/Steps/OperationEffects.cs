using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// How to see, from a manager's inventory, whether one Oracle VM call already took effect: used when
/// its intent was recorded but the bot stopped before it learned the job id.
/// </summary>
internal static class OperationEffects
{
    /// <summary>The observed effect, the id of what it made (when there is one), and what was seen, in words.</summary>
    public static async Task<(OperationEffect Effect, string? ResultId, string What)> ObserveAsync(
        IOvmManager manager, OvmOperation operation, CancellationToken cancellationToken)
    {
        if (operation is AttachIso attach)
        {
            return await manager.IsIsoAttachedAsync(attach, cancellationToken) switch
            {
                true => (OperationEffect.Present, attach.VmId, $"{attach.IsoName} is mapped to VM {attach.VmId}"),
                false => (OperationEffect.Absent, null, $"{attach.IsoName} is not mapped to VM {attach.VmId}"),
                null => (OperationEffect.Invisible, null, $"'{operation.Describe()}' leaves nothing this manager shows"),
            };
        }

        if (IsRepeatable(operation))
        {
            return (OperationEffect.Invisible, null, $"'{operation.Describe()}' leaves nothing the inventory shows");
        }

        var inventory = await manager.GetInventoryAsync(cancellationToken);
        var (id, what) = Find(inventory, operation);
        return (id is null ? OperationEffect.Absent : OperationEffect.Present, id, what);
    }

    /// <summary>Calls that may simply be made again: asking twice changes nothing more than asking once.</summary>
    public static bool IsRepeatable(OvmOperation operation) =>
        operation is RefreshFileServer or RefreshFileSystem or RefreshRepository;

    private static (string? Id, string What) Find(EnvironmentInventory inventory, OvmOperation operation) => operation switch
    {
        DiscoverServer d => inventory.Servers.FirstOrDefault(s => Same(s.Name, d.ServerName) && s.OwnerManagerUuid == inventory.ManagerUuid) is { } s
            ? (s.Id, $"server {d.ServerName} is known and owned by manager {inventory.ManagerUuid}")
            : (null, $"server {d.ServerName} is not owned by manager {inventory.ManagerUuid}"),
        AddServerToPool a => inventory.Pools.FirstOrDefault(p => p.Id == a.PoolId)?.ServerIds.Contains(a.ServerId) == true
            ? (a.ServerId, $"server {a.ServerId} is in pool {a.PoolId}")
            : (null, $"server {a.ServerId} is not in pool {a.PoolId}"),
        PresentRepository p => inventory.Repositories.FirstOrDefault(r => r.Id == p.RepositoryId)?.PresentedServerIds.Contains(p.ServerId) == true
            ? (p.RepositoryId, $"repository {p.RepositoryId} is presented to server {p.ServerId}")
            : (null, $"repository {p.RepositoryId} is not presented to server {p.ServerId}"),
        CloneVm c => inventory.Vm(c.Name) is { } clone
            ? (clone.Id, $"VM {c.Name} exists ({clone.Id})")
            : (null, $"no VM named {c.Name}"),
        CreateManagerVm c => inventory.Vm(c.Name) is { } vm && vm.HighAvailability == c.HighAvailability
            ? (vm.Id, $"VM {c.Name} exists ({vm.Id}, {vm.RunState}) with HA {(vm.HighAvailability ? "on" : "off")}")
            : (null, inventory.Vm(c.Name) is null ? $"no VM named {c.Name}" : $"VM {c.Name} exists but its HA flag is not yet as asked"),
        StartVm s => inventory.Vms.FirstOrDefault(v => v.Id == s.VmId) is { RunState: var state } && Same(state, "RUNNING")
            ? (s.VmId, $"VM {s.VmId} is RUNNING")
            : (null, $"VM {s.VmId} is not RUNNING"),
        StopVm s => inventory.Vms.FirstOrDefault(v => v.Id == s.VmId) is { RunState: var state } && Same(state, "STOPPED")
            ? (s.VmId, $"VM {s.VmId} is STOPPED")
            : (null, $"VM {s.VmId} is not STOPPED"),
        MigrateVm m => inventory.Vms.FirstOrDefault(v => v.Id == m.VmId) is { ServerId: var on, RunState: var state } && on == m.ServerId && Same(state, "RUNNING")
            ? (m.VmId, $"VM {m.VmId} runs on server {m.ServerName ?? m.ServerId}")
            : (null, $"VM {m.VmId} does not run on server {m.ServerName ?? m.ServerId}"),
        CreateNfsFileServer f => inventory.FileServers.FirstOrDefault(x => Same(x.Name, f.Name)) is { } found
            ? (found.Id, $"file server {f.Name} exists") : (null, $"no file server named {f.Name}"),
        CreateClusteredPool c => inventory.Pool(c.Name) is { } pool
            ? (pool.Id, $"pool {c.Name} exists") : (null, $"no pool named {c.Name}"),
        CreateRepository c => inventory.Repository(c.Name) is { } repository
            ? (repository.Id, $"repository {c.Name} exists") : (null, $"no repository named {c.Name}"),
        _ => (null, $"'{operation.Describe()}' is not found"),
    };

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
