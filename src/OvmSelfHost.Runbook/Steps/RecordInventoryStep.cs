using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Records what the old manager sees, for invariant 4.</summary>
public sealed class RecordInventoryStep : IStepHandler
{
    public StepKind Kind => StepKind.RecordInventory;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var inventory = await context.OldManager.GetInventoryAsync(cancellationToken);
        context.Facts.RecordedInventory = inventory;
        return StepOutcome.Succeeded($"Recorded {context.Plan.Target} as its manager sees it: {inventory.Counts()}.");
    }
}
