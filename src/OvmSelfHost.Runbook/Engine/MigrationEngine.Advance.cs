using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Steps;

namespace OvmSelfHost.Runbook.Engine;

public sealed partial class MigrationEngine
{
    /// <summary>Runs being advanced, and whether another advance was asked for meanwhile.</summary>
    private readonly Dictionary<Guid, bool> advancing = [];

    /// <summary>
    /// Moves the run on until it must wait: for a gate, a person, a window or the end. Safe to call
    /// for any run at any time, including after a restart in the middle of a step. A call made while
    /// the run is being advanced is not lost: the advance goes round once more.
    /// </summary>
    public async Task AdvanceAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (advancing)
        {
            if (advancing.ContainsKey(id))
            {
                advancing[id] = true;
                return;
            }

            advancing[id] = false;
        }

        try
        {
            do
            {
                while (await AdvanceOnceAsync(id, cancellationToken))
                {
                }
            }
            while (AskedAgain(id));
        }
        finally
        {
            lock (advancing)
            {
                advancing.Remove(id);
            }
        }
    }

    /// <summary>Either claims one more round, or lets go of the run in the same breath, so no call falls between.</summary>
    private bool AskedAgain(Guid id)
    {
        lock (advancing)
        {
            if (advancing[id])
            {
                advancing[id] = false;
                return true;
            }

            advancing.Remove(id);
            return false;
        }
    }

    /// <returns>True when the run moved and may move again.</returns>
    private async Task<bool> AdvanceOnceAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(id, cancellationToken);
        switch (run?.State)
        {
            case RunState.Queued:
                return await StartAsync(id, cancellationToken);
            case RunState.Ready when await WindowHoldAsync(run, cancellationToken) is { } hold:
                await NoteAsync(id, RunState.Ready, hold, cancellationToken);
                return false;
            case RunState.Ready:
                return await OpenGateOrBeginAsync(id, cancellationToken);
            case RunState.AwaitingApproval when GateWindowPassed(run):
                return await ExpireGateAsync(id, cancellationToken);
            case RunState.Running:
                await ExecuteStepAsync(run, cancellationToken);
                return true;
            case RunState.RollingBack:
                await ExecuteRollbackAsync(run, cancellationToken);
                return false;
            default:
                return false;
        }
    }

    private async Task<bool> StartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!AdaptersConfigured)
        {
            return false;
        }

        return await TransitionAsync(id, RunState.Queued, (run, journal) =>
        {
            new RunStateMachine(run).Fire(RunTrigger.Started);
            run.StatusMessage = "Started: preflight is next.";
            journal.Add(Journal(run, "engine", "engine", "started", run.StatusMessage));
            return run.StatusMessage;
        }, cancellationToken);
    }

    private Task<bool> OpenGateOrBeginAsync(Guid id, CancellationToken cancellationToken) =>
        TransitionAsync(id, RunState.Ready, (run, journal) =>
        {
            var gate = run.Step.ToString();
            var required = GatePolicies.RequiredApprovals(settings.Gates.For(gate));
            var machine = new RunStateMachine(run);
            var step = run.CurrentStep;
            if (required > 0 && !GateApprovedForNow(run, gate, required))
            {
                run.GateRound++;
                run.PendingGate = gate;
                run.GateWindowOpensAt = run.Window is null ? null : windows?.CurrentOrNext(run.Window, time.GetUtcNow())?.OpensAt;
                machine.Fire(RunTrigger.ApprovalRequested);
                step.Status = StepStatus.AwaitingApproval;
                run.StatusMessage = $"Phase {run.Phase} {gate} waits for {required} approval(s).";
                journal.Add(Journal(run, "engine", "engine", "approval-requested", run.StatusMessage));
                return run.StatusMessage;
            }

            machine.Fire(RunTrigger.StepBegan);
            step.Status = StepStatus.Running;
            step.StartedAt = time.GetUtcNow();
            step.FinishedAt = null;
            run.StatusMessage = $"Phase {run.Phase} {gate} is running.";
            journal.Add(Journal(run, "engine", "engine", "step-began", $"phase {run.Phase} {gate}"));
            return run.StatusMessage;
        }, cancellationToken);

    /// <summary>The approvals in the current round belong to this very step's gate, not to an earlier one.</summary>
    private static bool GateWasOpenedForThisStep(MigrationRun run, string gate) =>
        run.Votes.Any(v => v.Phase == run.Phase && v.Gate == gate && v.Round == run.GateRound)
        && !run.Votes.Any(v => v.Phase == run.Phase && v.Gate == gate && v.Round == run.GateRound && v.Decision == VoteDecision.Reject);

    /// <summary>Applies an engine transition if the run is still in <paramref name="expected"/>; saves, then tells.</summary>
    private async Task<bool> TransitionAsync(Guid id, RunState expected, Func<MigrationRun, List<AuditEntry>, string> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var held = await locks.AcquireAsync(id, cancellationToken);
            var run = await store.FindAsync(id, cancellationToken);
            if (run is null || run.State != expected)
            {
                return false;
            }

            var journal = new List<AuditEntry>();
            var message = change(run, journal);
            run.UpdatedAt = time.GetUtcNow();
            try
            {
                await store.SaveAsync(run, journal, RunNotice.Changed(message), cancellationToken);
            }
            catch (ConcurrentUpdateException) when (attempt < ConflictRetries)
            {
                continue;
            }

            held.Dispose();
            await notifier.RunChangedAsync(run, message, cancellationToken);
            return true;
        }
    }
}
