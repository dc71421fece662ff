using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Invariants;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Last look before the phase is confirmed: new manager running, HA read back, old manager still down.</summary>
public sealed class ConfirmPhaseStep : IStepHandler
{
    public StepKind Kind => StepKind.ConfirmPhase;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var status = await context.NewManager.GetStatusAsync(cancellationToken);
        if (!status.IsRunning)
        {
            return StepOutcome.Failed($"The new manager of {context.Plan.Target} is {status.RunState}.");
        }

        var hosting = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var problem = HighAvailabilityRule.VmViolation(hosting.Vm(context.Facts.NewVmId ?? ""), context.Facts.HostingPoolId ?? "")
                      ?? HighAvailabilityRule.PoolViolation(hosting.Pool(context.HostingPlan.HostingPool), context.HostingPlan.HostingPool);
        if (problem is not null)
        {
            return StepOutcome.Failed($"HA is not really on: {problem}");
        }

        if (!await StopOldManagerStep.ConfirmDownAsync(context, cancellationToken))
        {
            return StepOutcome.Failed($"{context.Plan.Target}'s old manager is running again: stop it before confirming.");
        }

        return StepOutcome.Succeeded($"{context.Plan.Target} is managed from the HA VM {context.TargetPlan.ReplacementVm.Name} in {context.Plan.Hosting}.");
    }
}
