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

    private async Task ExecuteStepAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        var context = new StepContext(run, settings, ovm!, store, notifier, time);
        StepOutcome outcome;
        try
        {
            outcome = await handlersByKind[run.Step].ExecuteAsync(context, cancellationToken);
        }
        catch (StepFailure failure)
        {
            outcome = StepOutcome.Failed(failure.Message);
        }
        catch (OvmFaultException fault)
        {
            outcome = StepOutcome.Failed($"{fault.Kind}: {fault.Message}{(fault.JobId is null ? "" : $" (job {fault.JobId})")}");
        }

        await ApplyOutcomeAsync(run, outcome, cancellationToken);
    }

    private async Task ApplyOutcomeAsync(MigrationRun executed, StepOutcome outcome, CancellationToken cancellationToken)
    {
        await TransitionAsync(executed.Id, RunState.Running, (run, journal) =>
        {
            // Facts and output were gathered on the executed copy; the fresh copy may carry a pause request.
            run.Facts[run.Phase] = executed.Facts[run.Phase];
            var step = run.CurrentStep;
            step.Output = executed.CurrentStep.Output;
            step.Message = outcome.Message;
            step.FinishedAt = time.GetUtcNow();
            var machine = new RunStateMachine(run);
            switch (outcome)
            {
                case StepNeedsAcknowledgement ack:
                    step.Status = StepStatus.AwaitingAcknowledgement;
                    run.GateRound++;
                    run.PendingGate = ack.Gate;
                    machine.Fire(RunTrigger.AcknowledgementRequested);
                    break;
                case StepFailedOutcome:
                    step.Status = StepStatus.Failed;
                    machine.Fire(RunTrigger.StepFailed);
                    break;
                default:
                    step.Status = outcome is StepSkipped ? StepStatus.Skipped : StepStatus.Succeeded;
                    machine.Fire(RunTrigger.StepSucceeded);
                    if (run.State != RunState.Completed)
                    {
                        MoveToNextStep(run);
                    }

                    run.PauseRequested = run.State != RunState.Paused && run.PauseRequested;
                    break;
            }

            run.StatusMessage = Describe(run, outcome);
            journal.Add(Journal(run, "engine", "engine", $"step-{step.Status.ToString().ToLowerInvariant()}", $"phase {step.Phase} {step.Kind}: {outcome.Message}"));
            return run.StatusMessage;
        }, cancellationToken);
    }

    private static string Describe(MigrationRun run, StepOutcome outcome) => run.State switch
    {
        RunState.Completed => $"Completed: both managers run as HA VMs, each in the other environment. {outcome.Message}",
        RunState.Failed => $"Stopped at phase {run.Phase} {run.Step}: {outcome.Message} Retry, roll back or abort.",
        RunState.AwaitingAcknowledgement => $"Phase {run.Phase} {run.Step} needs a person to accept: {outcome.Message}",
        RunState.Paused => $"Paused before phase {run.Phase} {run.Step}, as requested. {outcome.Message}",
        _ => outcome.Message,
    };

    private async Task ExecuteRollbackAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        var context = new StepContext(run, settings, ovm!, store, notifier, time);
        string message;
        RunTrigger trigger;
        try
        {
            message = await PhaseRollback.ExecuteAsync(context, cancellationToken);
            trigger = RunTrigger.RollbackSucceeded;
        }
        catch (Exception ex) when (ex is StepFailure or OvmFaultException)
        {
            message = $"Rollback of phase {run.Phase} failed: {ex.Message} Check both managers; roll back again when fixed.";
            trigger = RunTrigger.RollbackFailed;
        }

        await TransitionAsync(run.Id, RunState.RollingBack, (fresh, journal) =>
        {
            new RunStateMachine(fresh).Fire(trigger);
            fresh.StatusMessage = message;
            journal.Add(Journal(fresh, "engine", "engine", trigger == RunTrigger.RollbackSucceeded ? "rolled-back" : "rollback-failed", message));
            return message;
        }, cancellationToken);
    }

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
                await store.SaveAsync(run, journal, cancellationToken);
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
