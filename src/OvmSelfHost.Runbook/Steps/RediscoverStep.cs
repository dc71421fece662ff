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

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
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

        foreach (var server in recorded.Servers)
        {
            await context.RunJobAsync(manager, $"discover:{server.Name}", new DiscoverServer(server.Name), cancellationToken);
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
