using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Invariants;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Reads the UUID the new instance must take from the old manager's .config.</summary>
public sealed class ReadManagerUuidStep : IStepHandler
{
    public StepKind Kind => StepKind.ReadManagerUuid;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var config = await context.OldManagerHost.ReadManagerConfigAsync(cancellationToken);
        var uuid = config.Uuid;
        if (!ManagerUuidFormat.IsValid(uuid))
        {
            return StepOutcome.Failed($"{context.Plan.Target}'s .config has no valid UUID= line (read '{uuid}'). Check /u01/app/oracle/ovm-manager-3/.config on its manager host.");
        }

        // A .config that disagrees with the running manager would install an instance that owns nothing.
        var running = await context.OldManager.GetStatusAsync(cancellationToken);
        if (!string.Equals(running.ManagerUuid, uuid, StringComparison.Ordinal))
        {
            return StepOutcome.Failed($"{context.Plan.Target}'s .config says UUID={uuid} but its running manager reports {running.ManagerUuid}. " +
                                      "Find out which is right before installing; the new instance must take the running manager's UUID.");
        }

        context.Facts.OldManagerUuid = uuid;
        return StepOutcome.Succeeded($"{context.Plan.Target}'s manager UUID is {uuid} (.config and the running manager agree).");
    }
}
