using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Inventory;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Invariant 4 (nothing disappears) and 5 (same UUID, seen as ownership).</summary>
public sealed class VerifyInventoryStep : IStepHandler
{
    public StepKind Kind => StepKind.VerifyInventory;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        if (context.Facts.RecordedInventory is not { } recorded)
        {
            return StepOutcome.Failed("No inventory was recorded in this phase: nothing to verify against.");
        }

        var seen = await context.NewManager.GetInventoryAsync(cancellationToken);
        var diff = InventoryComparer.Compare(recorded, seen);
        context.Facts.Diff = diff;
        if (diff.HasOwnershipConflict)
        {
            return StepOutcome.Failed($"Stopped: the new manager does not own what the old one did; the install used the wrong UUID. {diff.Summarize()}");
        }

        return diff.IsEmpty
            ? StepOutcome.Succeeded(diff.Summarize())
            : StepOutcome.NeedsAcknowledgement(GateKey.AcceptDifferences, $"Accept these differences to complete the phase, or roll back. {diff.Summarize()}");
    }
}
