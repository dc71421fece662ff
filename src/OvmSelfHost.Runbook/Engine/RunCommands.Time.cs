using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

public sealed partial class RunCommands
{
    /// <summary>
    /// A gate opening's reminder (<paramref name="reminder"/>: its index in the opening's clock) or its deadline
    /// (null) came due. A decision like a person's: saved, with a journal line naming the policy that applied,
    /// before the channel is told through the outbox. It acts only on the very opening it names, and only once:
    /// for an opening decided or reopened since, or a reminder or timeout already recorded, it changes nothing.
    /// </summary>
    public Task<CommandOutcome> GateTimeAsync(Guid id, GateOpening opening, int? reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        return ChangeAsync(id, (run, journal) => GateTime(run, journal, opening, reminder), cancellationToken);
    }

    private CommandOutcome GateTime(MigrationRun run, List<AuditEntry> journal, GateOpening opening, int? reminder)
    {
        var now = time.GetUtcNow();
        if (GateOpening.WaitingIn(run) != opening || GateClocks.Find(run, opening) is not { TimedOutAt: null } clock)
        {
            return CommandOutcome.Conflict($"Gate {opening.Describe()} (opening {opening.Round}) no longer waits on its clock; nothing changed.", run);
        }

        var gate = opening.Gate;
        var policy = settings.Gates.TimeFor(gate);
        var rule = policy?.Describe(gate) ?? $"Runbook:GateTime:{gate} (then {clock.Then}, as configured when it opened)";
        var escalation = policy is { Escalation.Count: > 0 } ? $" Escalation: {string.Join(", ", policy.Escalation)}." : "";
        var required = GatePolicies.RequiredApprovals(settings.Gates.For(gate));
        var approvals = run.ApprovalsIn(opening);
        var waitingFor = $"{Math.Max(required - approvals, 1)} more approval(s) ({approvals} of {required}) from {string.Join(", ", OtherApprovers(run))}";
        if (reminder is { } index)
        {
            if (index < 0 || index >= clock.RemindAt.Count || clock.Reminded.Contains(index) || clock.RemindAt[index] > now)
            {
                return CommandOutcome.Conflict($"Reminder {index} of {opening.Describe()} is not due or was posted already; nothing changed.", run);
            }

            clock.Reminded.Add(index);
            var text = $"Reminder: {gate} of phase {opening.Phase} of migration {run.Id.ToString()[..8]} waits for {waitingFor}. "
                + $"At {clock.Deadline!.Value.UtcDateTime:yyyy-MM-dd HH:mm}Z ({clock.DeadlineFrom}) it {Consequence(clock.Then)} under {rule}.{escalation}";
            journal.Add(Journal(run, "engine", "engine", "gate-reminder", text));
            return CommandOutcome.Done(run, text);
        }

        if (clock.Deadline is not { } deadline || deadline > now)
        {
            return CommandOutcome.Conflict($"Gate {opening.Describe()} is not overdue; nothing changed.", run);
        }

        clock.TimedOutAt = now;
        var head = $"{gate} of phase {opening.Phase} (round {opening.Round}) had no decision by {deadline.UtcDateTime:yyyy-MM-dd HH:mm}Z ({clock.DeadlineFrom}); {rule} applies:";
        switch (clock.Then)
        {
            case GateTimeout.StaysOpen:
                run.StatusMessage = $"{head} it stays open, overdue, waiting for {waitingFor}.{escalation}";
                journal.Add(Journal(run, "engine", "engine", "gate-timeout", run.StatusMessage));
                return CommandOutcome.Done(run, run.StatusMessage);
            case GateTimeout.Expires:
                var votes = run.VotesOnPendingGate.Count();
                var message = $"{head} its {votes} vote(s) expired and it is proposed again as a new round.{escalation}";
                journal.Add(Journal(run, "engine", "engine", "gate-timeout", message));
                ExpireOpening(run);
                run.StatusMessage = message;
                return CommandOutcome.Done(run, message);
            default:
                var rejected = $"{head} rejected by the policy, not by a person (nothing failed); retry the migration to propose {gate} again.{escalation}";
                journal.Add(Journal(run, "engine", "engine", "gate-timeout", rejected));
                new RunStateMachine(run).Fire(RunTrigger.GateRejected);
                return CloseGate(run, journal, "engine", rejected);
        }
    }

    /// <summary>
    /// The opening's votes stop counting: a step's gate goes back to Ready (the advancer proposes it again with a
    /// fresh snapshot), an acknowledgement or rollback gate opens its next round in place.
    /// </summary>
    private static void ExpireOpening(MigrationRun run)
    {
        if (run.State == RunState.AwaitingApproval)
        {
            new RunStateMachine(run).Fire(RunTrigger.GateExpired);
            run.PendingGate = null;
            run.GateWindowOpensAt = null;
        }

        run.GateRound++;
    }

    private static string Consequence(GateTimeout then) => then switch
    {
        GateTimeout.StaysOpen => "stays open but is overdue",
        GateTimeout.Expires => "expires (its votes no longer count) and is proposed again",
        _ => "is rejected by the policy",
    };
}
