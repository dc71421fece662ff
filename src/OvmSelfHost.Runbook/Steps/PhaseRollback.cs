using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Undoes the current phase: stops the new manager first, then starts the old one, so two managers
/// with one UUID never run together. The new VM is left in place for a person to inspect or delete.
/// </summary>
public static class PhaseRollback
{
    public static async Task<string> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var run = context.Run;
        var service = context.Settings.ManagerService;
        var done = new List<string>();
        if (Touched(run, StepKind.InstallManager))
        {
            var newHost = context.NewManagerHost;
            if (await newHost.GetServiceStateAsync(service, cancellationToken) != ServiceState.Stopped)
            {
                await newHost.StopServiceAsync(service, cancellationToken);
            }

            done.Add($"stopped the new manager on {context.TargetPlan.ReplacementVm.Name}");
        }

        if (Touched(run, StepKind.StopOldManager))
        {
            var oldHost = context.OldManagerHost;
            if (await oldHost.GetServiceStateAsync(service, cancellationToken) != ServiceState.Running)
            {
                await oldHost.StartServiceAsync(service, cancellationToken);
            }

            var status = await context.OldManager.WaitUntilRunningAsync(context.Settings.ManagerStartTimeout, cancellationToken);
            if (!status.IsRunning)
            {
                throw new StepFailure($"{context.Plan.Target}'s old manager was started but is {status.RunState}.");
            }

            done.Add($"started {context.Plan.Target}'s old manager again (RUNNING)");
        }

        if (context.Facts.NewVmId is { } vmId)
        {
            done.Add($"left VM {vmId} in {context.Plan.Hosting} for you to inspect or delete");
        }

        return done.Count == 0 ? "Nothing of this phase needed undoing." : $"Rolled back phase {run.Phase}: {string.Join("; ", done)}.";
    }

    private static bool Touched(MigrationRun run, StepKind step) =>
        run.Intents.Any(i => i.Phase == run.Phase && i.Step == step.ToString());
}
