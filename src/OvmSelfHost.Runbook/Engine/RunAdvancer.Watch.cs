using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Steps;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>While a gate waits after a cutover, the old managers are looked at on a timer (invariant 7).</summary>
public sealed partial class RunAdvancer
{
    /// <summary>
    /// Stops a waiting run at once when an old manager runs again; true when it did. Only the replica that
    /// executes the run looks (and its stop is fenced by the lease like every executor save).
    /// </summary>
    public async Task<bool> WatchOldManagersAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ovm is null || !Holds(id))
        {
            return false;
        }

        var run = await store.FindAsync(id, cancellationToken);
        if (run is not { State: RunState.AwaitingApproval or RunState.AwaitingAcknowledgement } waiting)
        {
            return false;
        }

        if (await OldManagerWatch.FindRunningAsync(waiting, ovm, settings.ManagerService, cancellationToken) is not { } danger)
        {
            return false;
        }

        return await TransitionAsync(id, waiting.State, (fresh, journal) =>
        {
            new RunStateMachine(fresh).Fire(RunTrigger.StepFailed);
            fresh.PendingGate = null;
            fresh.CurrentStep.Status = StepStatus.Failed;
            fresh.CurrentStep.Message = danger;
            fresh.StatusMessage = $"Stopped at phase {fresh.Phase} {fresh.Step}: {danger} {RunCommands.PossibleNow(fresh)}";
            journal.Add(Journal(fresh, "engine", "engine", "old-manager-running", danger));
            return fresh.StatusMessage;
        }, cancellationToken);
    }
}
