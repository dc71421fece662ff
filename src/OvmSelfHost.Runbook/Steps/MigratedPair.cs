using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Recognises an environment whose manager already moved: its original manager does not run, and
/// its replacement answers with the same UUID, as a VM in the other environment (invariant 7 of
/// PROCEDURE.md). Then "the manager is not running" is the end state of a migration, not a fault,
/// and starting that original manager would put two live managers on one UUID.
/// </summary>
internal static class MigratedPair
{
    /// <returns>What was observed and the way forward, or null when neither environment of the pair has moved.</returns>
    public static async Task<string?> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (a, b) = (context.Run.EnvironmentA, context.Run.EnvironmentB);
        var movedA = await MovedAsync(context, a, b, cancellationToken);
        var movedB = await MovedAsync(context, b, a, cancellationToken);
        return (movedA, movedB) switch
        {
            ({ } first, { } second) =>
                $"The pair {a} and {b} is already migrated: {first}; {second}. This is the end state of the procedure, so there is nothing to migrate. " +
                $"Do not start the original managers: each shares its UUID with a manager that is live in the other environment, and two live managers with one UUID fight over the servers. " +
                "Nothing was changed; abort this migration.",
            ({ } only, null) => OneMoved(a, b, only),
            (null, { } only) => OneMoved(b, a, only),
            _ => null,
        };
    }

    private static string OneMoved(string moved, string other, string observed) =>
        $"{moved}'s manager was already migrated: {observed}. A migration of {moved} and {other} starts from both original managers, so it cannot begin here. " +
        $"Do not start {moved}'s original manager: its UUID is live in {other}. Finish or roll back the migration that moved it (see /ovm status); nothing was changed.";

    /// <returns>The observation that <paramref name="environment"/>'s manager lives in <paramref name="other"/>, or null.</returns>
    private static async Task<string?> MovedAsync(StepContext context, string environment, string other, CancellationToken cancellationToken)
    {
        var ovm = context.Connections;
        var original = await StatusAsync(() => ovm.Manager(environment, ManagerRole.Original), cancellationToken);
        if (original is { IsRunning: true })
        {
            return null;
        }

        var replacement = await StatusAsync(() => ovm.Manager(environment, ManagerRole.Replacement), cancellationToken);
        if (replacement is not { IsRunning: true } || string.IsNullOrEmpty(replacement.ManagerUuid))
        {
            return null;
        }

        var originalUuid = original?.ManagerUuid is { Length: > 0 } answered ? answered : await ConfiguredUuidAsync(() => ovm.Host(environment, HostRole.OriginalManager), cancellationToken);
        if (originalUuid is not null && !string.Equals(originalUuid, replacement.ManagerUuid, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var vm = context.Settings.Environment(environment).ReplacementVm.Name;
        var where = await RunsInAsync(ovm, other, vm, cancellationToken)
            ? $"{environment}'s manager (UUID {replacement.ManagerUuid}) runs as VM {vm} in {other}"
            : $"{environment}'s replacement manager (UUID {replacement.ManagerUuid}, planned as VM {vm} in {other}) runs";
        return $"{where}, and its original manager is {(original is null ? "not answering" : original.RunState)}";
    }

    /// <summary>Whether a manager of <paramref name="environment"/> that answers shows <paramref name="vm"/> running.</summary>
    private static async Task<bool> RunsInAsync(IOvmConnections ovm, string environment, string vm, CancellationToken cancellationToken)
    {
        foreach (var role in new[] { ManagerRole.Original, ManagerRole.Replacement })
        {
            try
            {
                var manager = ovm.Manager(environment, role);
                if (!(await manager.ProbeStatusAsync(cancellationToken)).IsRunning)
                {
                    continue;
                }

                var inventory = await manager.GetInventoryAsync(cancellationToken);
                return inventory.Vms.Any(v => string.Equals(v.Name, vm, StringComparison.Ordinal) && string.Equals(v.RunState, "RUNNING", StringComparison.OrdinalIgnoreCase));
            }
            catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
            {
                // Not configured, or not answering: the other role may.
            }
        }

        return false;
    }

    private static async Task<ManagerStatus?> StatusAsync(Func<IOvmManager> manager, CancellationToken cancellationToken)
    {
        try
        {
            return await manager().ProbeStatusAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task<string?> ConfiguredUuidAsync(Func<IManagerHost> host, CancellationToken cancellationToken)
    {
        try
        {
            return (await host().ReadManagerConfigAsync(cancellationToken)).Uuid;
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return null;
        }
    }
}
