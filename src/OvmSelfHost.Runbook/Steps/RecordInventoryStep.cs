using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Records what the old manager sees, for invariant 4.</summary>
public sealed class RecordInventoryStep : IStepHandler
{
    public StepKind Kind => StepKind.RecordInventory;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var inventory = await context.OldManager.GetInventoryAsync(cancellationToken);
        context.Facts.RecordedInventory = inventory;
        return StepOutcome.Succeeded($"Recorded {context.Plan.Target} as its manager sees it: {inventory.Counts()}.");
    }
}
