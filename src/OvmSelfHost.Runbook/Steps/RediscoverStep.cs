using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// From the new manager: wait for RUNNING, discover the recorded servers, refresh file servers and
/// repositories. Starts only when the old manager is confirmed down again (invariant 2).
/// </summary>
public sealed class RediscoverStep : IStepHandler
{
    public StepKind Kind => StepKind.Rediscover;

    /// <summary>Counts the recorded servers the new manager already owns; those are not discovered again.</summary>
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Facts.RecordedInventory is not { } recorded)
        {
            return StepObservation.NotDone("no inventory was recorded in this phase.");
        }

        var owned = await OwnedAsync(context, cancellationToken);
        return StepObservation.NotDone(owned is null
            ? "the new manager does not answer yet."
            : $"{recorded.Servers.Count(s => owned.Contains(s.Name))} of {recorded.Servers.Count} recorded servers are already owned by the new manager.");
    }

    /// <summary>Names of the servers the new manager knows and owns; null while it does not answer.</summary>
    private static async Task<HashSet<string>?> OwnedAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            var seen = await context.NewManager.GetInventoryAsync(cancellationToken);
            return seen.Servers.Where(s => s.OwnerManagerUuid == seen.ManagerUuid).Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (OvmFaultException)
        {
            return null;
        }
    }

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        if (context.Facts.RecordedInventory is not { } recorded)
        {
            return StepOutcome.Failed("No inventory was recorded in this phase: nothing to rediscover against.");
        }

        if (!await StopOldManagerStep.ConfirmDownAsync(context, cancellationToken))
        {
            return StepOutcome.Failed($"{context.Plan.Target}'s old manager is running again. Two managers with one UUID must never run together: stop it before rediscovering.");
        }

        var manager = context.NewManager;
        var status = await manager.WaitUntilRunningAsync(context.Settings.ManagerStartTimeout, cancellationToken);
        if (!status.IsRunning)
        {
            return StepOutcome.Failed($"The new manager is {status.RunState} after {context.Settings.ManagerStartTimeout}; check it, then retry.");
        }

        if (!string.Equals(status.ManagerUuid, context.Facts.OldManagerUuid, StringComparison.Ordinal))
        {
            return StepOutcome.Failed($"The new manager runs with UUID {status.ManagerUuid}, not {context.Facts.OldManagerUuid}: it would not own {context.Plan.Target}'s servers. Reinstall with the right UUID.");
        }

        var owned = await OwnedAsync(context, cancellationToken) ?? [];
        foreach (var server in recorded.Servers)
        {
            var key = $"discover:{server.Name}";
            if (context.Run.FindIntent(context.Run.Phase, $"{Kind}:{key}") is null && owned.Contains(server.Name))
            {
                continue;
            }

            await context.RunJobAsync(manager, key, new DiscoverServer(server.Name), cancellationToken);
        }

        var seen = await manager.GetInventoryAsync(cancellationToken);
        foreach (var fileServer in seen.FileServers)
        {
            await context.RunJobAsync(manager, $"refresh-fs:{fileServer.Id}", new RefreshFileServer(fileServer.Id), cancellationToken);
        }

        foreach (var repository in seen.Repositories)
        {
            await context.RunJobAsync(manager, $"refresh-repo:{repository.Id}", new RefreshRepository(repository.Id), cancellationToken);
        }

        return StepOutcome.Succeeded(
            $"The new manager ({status.ManagerUuid}) discovered {recorded.Servers.Count} servers and refreshed {seen.FileServers.Count} file servers and {seen.Repositories.Count} repositories.");
    }
}
