using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

public sealed partial class RunCommands
{
    /// <summary>pause, resume, retry, abort, rollback: refused with the reason when the run cannot do it now.</summary>
    public Task<CommandOutcome> ActAsync(
        Guid id, string user, string channel, OperatorAction action, CancellationToken cancellationToken, Authentication? authentication = null) =>
        ChangeAsync(id, (run, journal) => Act(run, journal, user, channel, action, authentication), cancellationToken);

    private CommandOutcome Act(MigrationRun run, List<AuditEntry> journal, string user, string channel, OperatorAction action, Authentication? authentication)
    {
        var person = Caller(user, authentication);
        if (person is null || !(person.Is(PersonRole.Approver) || person.Is(PersonRole.Requester)))
        {
            return CommandOutcome.Forbidden($"'{user}' is not a configured requester or approver; nothing changed.", run);
        }

        if (!Enum.IsDefined(action))
        {
            return CommandOutcome.Invalid($"Unknown action {action}: use {Words.Vocabularies.Actions.Listed}.", run);
        }

        if (action == OperatorAction.Pause && run.State == RunState.Running)
        {
            if (run.PauseRequested)
            {
                return CommandOutcome.Conflict($"A pause of migration {run.Id} is already requested: {run.StatusMessage}", run);
            }

            run.PauseRequested = true;
            run.StatusMessage = $"Pause requested by {person.Name}: the running step finishes (no Oracle VM job is abandoned), then the migration pauses.";
            journal.Add(Journal(run, person.Name, channel, "pause-requested", run.StatusMessage));
            return CommandOutcome.Done(run, run.StatusMessage);
        }

        var trigger = ToTrigger(action);
        var machine = new RunStateMachine(run);
        if (!machine.CanFire(trigger, out var unmet))
        {
            // Stateless leaves the unmet guards null when the state has no transition for the trigger at all.
            var word = Words.Vocabularies.Actions.WordFor(action);
            var why = unmet is { Count: > 0 } ? $"it can only {word} when {string.Join(" and ", unmet)}" : $"it is {run.State} at phase {run.Phase} {run.Step}";
            return CommandOutcome.Conflict($"Cannot {word} migration {run.Id}: {why}. {PossibleNow(run)}", run);
        }

        var before = run.State;
        machine.Fire(trigger);
        var message = Applied(run, person.Name, action, before);
        journal.Add(Journal(run, person.Name, channel, action.ToString().ToLowerInvariant(), message));
        return CommandOutcome.Done(run, message);
    }

    private string Applied(MigrationRun run, string user, OperatorAction action, RunState before)
    {
        switch (action)
        {
            case OperatorAction.Resume or OperatorAction.Retry:
                run.PauseRequested = false;
                ClearForRetry(run, user, before);
                run.StatusMessage = $"{action} by {user}: phase {run.Phase} {run.Step} is next.";
                break;
            case OperatorAction.Rollback:
                // Entering RollbackPending opened the Rollback gate (RunStateMachine): a rollback never waits without one.
                var required = GatePolicies.RequiredApprovals(settings.Gates.For(GateKey.Rollback));
                run.StatusMessage = $"Rollback of phase {run.Phase} requested by {user}: waits for {required} approval(s).";
                break;
            case OperatorAction.Abort:
                run.PendingGate = null;
                run.StatusMessage = $"Aborted by {user} at phase {run.Phase} {run.Step}. Nothing further will run.";
                break;
            case OperatorAction.Pause:
                run.PendingGate = null;
                run.StatusMessage = $"Paused by {user} at phase {run.Phase} {run.Step}.";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an operator action.");
        }

        return run.StatusMessage;
    }

    /// <summary>
    /// A retry never clears what is known: the step observes again before it acts (a job with an id
    /// is waited for, an effect that is there is taken as done). An intent left without a job id is
    /// marked as retried, so that if its effect cannot be seen, the person's retry is the decision.
    /// </summary>
    private static void ClearForRetry(MigrationRun run, string user, RunState before)
    {
        if (before is not (RunState.Failed or RunState.Rejected))
        {
            return;
        }

        foreach (var intent in run.Intents.Where(i => i.Phase == run.Phase && i.Step == run.Step.ToString() && i.Status == IntentStatus.Recorded))
        {
            intent.MarkRetried(user);
        }

        run.CurrentStep.Status = StepStatus.Pending;
    }

    private static RunTrigger ToTrigger(OperatorAction action) => action switch
    {
        OperatorAction.Pause => RunTrigger.Pause,
        OperatorAction.Resume => RunTrigger.Resume,
        OperatorAction.Retry => RunTrigger.Retry,
        OperatorAction.Abort => RunTrigger.Abort,
        OperatorAction.Rollback => RunTrigger.Rollback,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not an operator action."),
    };

    private static OperatorAction ToAction(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Pause => OperatorAction.Pause,
        RunTrigger.Resume => OperatorAction.Resume,
        RunTrigger.Retry => OperatorAction.Retry,
        RunTrigger.Abort => OperatorAction.Abort,
        _ => OperatorAction.Rollback,
    };

    /// <summary>The operator actions the run accepts in its state now (a running step may be asked to pause).</summary>
    public static IReadOnlyList<OperatorAction> AllowedActions(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var allowed = new RunStateMachine(run).PermittedTriggers.Where(IsOperatorTrigger).Select(ToAction).ToList();
        if (run.State == RunState.Running && !run.PauseRequested)
        {
            allowed.Insert(0, OperatorAction.Pause);
        }

        return allowed;
    }

    /// <summary>"Possible now: …", for a refusal or a stop: the actions allowed, and the gate that waits for a vote.</summary>
    public static string PossibleNow(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var actions = AllowedActions(run).Select(Words.Vocabularies.Actions.WordFor).ToList();
        var vote = GateOpening.WaitingIn(run) is { } opening
            ? $"approve or reject gate {opening.Gate}"
            : null;
        var options = actions.Count == 0 ? [] : new List<string> { string.Join(", ", actions) };
        if (vote is not null)
        {
            options.Add(vote);
        }

        return options.Count == 0 ? "Possible now: nothing (the migration is over)." : $"Possible now: {string.Join("; ", options)}.";
    }

    internal static bool IsOperatorTrigger(RunTrigger trigger) =>
        trigger is RunTrigger.Pause or RunTrigger.Resume or RunTrigger.Retry or RunTrigger.Abort or RunTrigger.Rollback;
}
