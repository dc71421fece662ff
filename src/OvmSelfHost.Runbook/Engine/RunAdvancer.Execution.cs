using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Telemetry;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>Running a step (or a rollback) through the ports, and turning its outcome into a transition.</summary>
public sealed partial class RunAdvancer
{
    private StepContext Context(MigrationRun run)
    {
        durations.Learn(run.Intents);
        return new StepContext(run, settings, ovm!, store, notifier, time, durations, Lease(run.Id));
    }

    private async Task ExecuteStepAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        using var span = RunbookTelemetry.StartStep(run, $"step {run.Step}");
        var started = time.GetTimestamp();
        await LearnSharedDurationsAsync(cancellationToken);
        var context = Context(run);
        StepOutcome outcome;
        try
        {
            // The step boundary: old managers down, the new manager VM where it was (HA), then the step itself.
            outcome = await StepGuards.RunAsync(context, () => ObserveThenActAsync(handlersByKind[run.Step], context, cancellationToken), cancellationToken);
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
        RunbookTelemetry.StepEnded(span, run, outcome.GetType().Name.Replace("Step", "", StringComparison.Ordinal).Replace("Outcome", "", StringComparison.Ordinal),
            time.GetElapsedTime(started), outcome is StepFailedOutcome);
    }

    /// <summary>Learns how long jobs took in every run, on every replica (read at most every <see cref="SharedDurationsEvery"/>).</summary>
    private async Task LearnSharedDurationsAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref sharedDurationsReadAt);
        if (last != long.MinValue && time.GetElapsedTime(last) < SharedDurationsEvery)
        {
            return;
        }

        Interlocked.Exchange(ref sharedDurationsReadAt, time.GetTimestamp());
        durations.Learn(await store.CompletedJobsAsync(OperationDurations.Kept, cancellationToken));
    }

    /// <summary>
    /// The step contract: look first, every time (first run, restart, retry), and act only on what is
    /// left. What was found is part of the step's output, so people see why it acted or did not.
    /// </summary>
    private static async Task<StepOutcome> ObserveThenActAsync(IStepHandler handler, StepContext context, CancellationToken cancellationToken)
    {
        var observed = await handler.ObserveAsync(context, cancellationToken);
        if (observed.State != ObservedState.ReadsOnly)
        {
            await context.OutputAsync($"Looked before acting: {observed.What}", cancellationToken);
        }

        return observed.State switch
        {
            ObservedState.Done when context.HasActed => StepOutcome.Succeeded($"Found done when looked at again: {observed.What}"),
            ObservedState.Done => StepOutcome.Skipped($"Already done: {observed.What}"),
            ObservedState.Undecided => StepOutcome.Failed($"Looked before acting, and what is there is for a person to judge: {observed.What}"),
            _ => await handler.ActAsync(context, observed, cancellationToken),
        };
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
                        RunChanges.MoveToNextStep(run);
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
        RunState.Failed => $"Stopped at phase {run.Phase} {run.Step}: {outcome.Message} {RunCommands.PossibleNow(run)}",
        RunState.AwaitingAcknowledgement => $"Phase {run.Phase} {run.Step} needs a person to accept: {outcome.Message}",
        RunState.Paused => $"Paused before phase {run.Phase} {run.Step}, as requested. {outcome.Message}",
        _ => outcome.Message,
    };

    private async Task ExecuteRollbackAsync(MigrationRun run, CancellationToken cancellationToken)
    {
        using var span = RunbookTelemetry.StartStep(run, $"rollback phase {run.Phase}");
        var context = Context(run);
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
}
