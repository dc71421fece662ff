using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>Runs bound to a maintenance window: when gates are proposed, when steps may start, when approvals expire.</summary>
public sealed partial class RunAdvancer
{
    /// <returns>Why a run that is Ready must wait for its window now, or null when it may go on.</returns>
    private async Task<string?> WindowHoldAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        if (run.Window is null || windows is null || WindowAdmission.IsExempt(run))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var instance = windows.CurrentOrNext(run.Window, now);
        var gate = GateKey.Of(run.Step);
        var required = GatePolicies.RequiredApprovals(settings.Gates.For(gate));
        if (required > 0 && !GateApprovedForNow(run, gate, required))
        {
            return WindowAdmission.CannotPropose(run, instance, windows.ReminderBefore, now);
        }

        var (expected, learned) = StepDurations.Estimate(run.Step, settings.ExpectedDurations, await store.ListAsync(cancellationToken));
        return WindowAdmission.CannotStart(run, instance, expected, learned, now);
    }

    /// <summary>The step's gate has its approvals in the current round, given for the current opening of its window (if any).</summary>
    private bool GateApprovedForNow(MigrationRun run, GateKey gate, int required) =>
        run.PendingGate is null && GateWasOpenedForThisStep(run, gate) && run.ApprovalsIn(GateOpening.Current(run, gate)) >= required
        && (run.Window is null || windows is null || run.GateWindowOpensAt == windows.CurrentOrNext(run.Window, time.GetUtcNow())?.OpensAt);

    /// <summary>The gate was proposed for an opening that has passed without the step starting.</summary>
    private bool GateWindowPassed(MigrationRun run) =>
        run.Window is not null && windows is not null && run.GateWindowOpensAt is { } opensAt
        && windows.CurrentOrNext(run.Window, time.GetUtcNow())?.OpensAt != opensAt;

    /// <summary>
    /// Approvals are bound to one opening: when it passes they expire and the gate is proposed again for the next,
    /// unless the gate's time policy says Rejects (then the window's close was its deadline and it is rejected).
    /// The journal line names the policy that applied; a timer firing for the same opening later finds it closed.
    /// </summary>
    private Task<bool> ExpireGateAsync(Guid id, CancellationToken cancellationToken) =>
        TransitionAsync(id, RunState.AwaitingApproval, (run, journal) =>
        {
            var votes = run.VotesOnPendingGate.Count();
            var gate = run.PendingGate!.Value;
            var clock = GateOpening.WaitingIn(run) is { } opening ? GateClocks.Find(run, opening) : null;
            var policy = clock is null ? "no time policy, so window rule: approvals expire with their opening" : $"{settings.Gates.TimeFor(gate)?.Describe(gate) ?? $"Runbook:GateTime:{gate}"} applies";
            if (clock is not null)
            {
                clock.TimedOutAt = time.GetUtcNow();
            }

            if (clock is { Then: GateTimeout.Rejects })
            {
                new RunStateMachine(run).Fire(RunTrigger.GateRejected);
                run.PendingGate = null;
                run.StatusMessage = $"Window {run.Window} passed before phase {run.Phase} {run.Step} was decided ({policy}): rejected by the policy, not by a person; retry to propose it again.";
                run.CurrentStep.Status = StepStatus.Rejected;
                run.CurrentStep.Message = run.StatusMessage;
                journal.Add(Journal(run, "engine", "engine", "gate-timeout", run.StatusMessage));
                return run.StatusMessage;
            }

            new RunStateMachine(run).Fire(RunTrigger.GateExpired);
            run.PendingGate = null;
            run.GateRound++;
            run.GateWindowOpensAt = null;
            run.StatusMessage = $"Window {run.Window} passed before phase {run.Phase} {run.Step} could start: its {votes} vote(s) expired ({policy}); it will be proposed again for the next opening.";
            journal.Add(Journal(run, "engine", "engine", "approvals-expired", run.StatusMessage));
            return run.StatusMessage;
        }, cancellationToken);

    /// <summary>Saves a new status message (and tells) without changing state, only when it changed.</summary>
    private async Task NoteAsync(Guid id, RunState expected, string message, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(id, cancellationToken);
        if (current is null || current.StatusMessage == message)
        {
            return;
        }

        await TransitionAsync(id, expected, (run, journal) =>
        {
            run.StatusMessage = message;
            journal.Add(Journal(run, "engine", "engine", "waiting", message));
            return message;
        }, cancellationToken);
    }
}
