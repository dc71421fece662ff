using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

public sealed partial class MigrationEngine
{
    /// <summary>A vote on the gate that waits now. Refused votes change nothing.</summary>
    /// <param name="expected">The gate opening a button was drawn for; null for a typed command, which votes on whatever waits.</param>
    public Task<CommandOutcome> DecideAsync(
        Guid id, string user, string channel, VoteDecision decision, string? reason, CancellationToken cancellationToken, GateOpening? expected = null) =>
        ChangeAsync(id, (run, journal) => Decide(run, journal, user, channel, decision, reason, expected), cancellationToken);

    private CommandOutcome Decide(MigrationRun run, List<AuditEntry> journal, string user, string channel, VoteDecision decision, string? reason, GateOpening? expected)
    {
        if (VoteRefusal(run, user, decision, reason) is { } refusal)
        {
            return refusal;
        }

        if (expected is not null && expected != new GateOpening(run.Phase, run.PendingGate!, run.GateRound))
        {
            return CommandOutcome.Conflict(
                $"That button was for {expected.Gate} of phase {expected.Phase}, which is no longer waiting (now: {run.PendingGate} of phase {run.Phase}); nothing was recorded.", run);
        }

        var person = people.ByName(user)!;
        var gate = run.PendingGate!;
        run.Votes.Add(new Vote(run.Phase, gate, run.GateRound, person.Name, channel, decision, reason, time.GetUtcNow()));
        journal.Add(Journal(run, person.Name, channel, decision == VoteDecision.Approve ? "approved" : "rejected",
            $"gate {gate} of phase {run.Phase} (round {run.GateRound}){(reason is null ? "" : $": {reason}")}"));

        var machine = new RunStateMachine(run);
        if (decision == VoteDecision.Reject)
        {
            machine.Fire(RunTrigger.GateRejected);
            return CloseGate(run, journal, person.Name, $"{person.Name} rejected {gate}: {reason}");
        }

        var required = GatePolicies.RequiredApprovals(settings.Gates.For(gate));
        var approvals = run.ApprovalsIn(gate, run.GateRound);
        if (approvals < required)
        {
            run.StatusMessage = $"{gate} has {approvals} of {required} approvals: needs one more from {string.Join(", ", OtherApprovers(run))}.";
            return CommandOutcome.Done(run, $"{person.Name} approved {gate} ({approvals} of {required}).");
        }

        machine.Fire(RunTrigger.GateApproved);
        return CloseGate(run, journal, person.Name, $"{gate} approved ({approvals} of {required}).");
    }

    private CommandOutcome CloseGate(MigrationRun run, List<AuditEntry> journal, string actor, string message)
    {
        var wasAcknowledgement = run.PendingGate is GateKeys.AcknowledgeNonMinimal or GateKeys.AcceptDifferences;
        var step = run.CurrentStep;
        switch (run.State)
        {
            case RunState.Rejected:
                step.Status = StepStatus.Rejected;
                step.Message = message;
                break;
            case RunState.Ready or RunState.Completed when wasAcknowledgement:
                step.Status = StepStatus.Succeeded;
                step.FinishedAt = time.GetUtcNow();
                step.Message = $"{step.Message} Accepted by {string.Join(" and ", run.VotesOnPendingGate.Select(v => v.User))}.";
                MoveToNextStep(run);
                break;
        }

        run.PendingGate = null;
        run.StatusMessage = message;
        journal.Add(Journal(run, actor, "engine", "gate-closed", message));
        return CommandOutcome.Done(run, message);
    }

    private CommandOutcome? VoteRefusal(MigrationRun run, string user, VoteDecision decision, string? reason)
    {
        var person = people.ByName(user);
        if (person is null)
        {
            return CommandOutcome.Forbidden($"'{user}' is not a configured user; nothing was recorded.", run);
        }

        if (!person.Is(PersonRole.Approver))
        {
            return CommandOutcome.Forbidden($"{person.Name} is not an approver; nothing was recorded. Approvers: {string.Join(", ", people.Approvers.Select(p => p.Name))}.", run);
        }

        if (run.PendingGate is not { } gate || run.State is not (RunState.AwaitingApproval or RunState.AwaitingAcknowledgement or RunState.RollbackPending))
        {
            return CommandOutcome.Conflict($"Migration {run.Id} has no gate waiting for a decision (it is {run.State} at phase {run.Phase} {run.Step}); nothing was recorded.", run);
        }

        if (decision == VoteDecision.Reject && string.IsNullOrWhiteSpace(reason))
        {
            return CommandOutcome.Invalid("A rejection needs a reason, e.g. /ovm reject <id> the window is too short.", run);
        }

        if (string.Equals(person.Name, run.RequestedBy, StringComparison.OrdinalIgnoreCase) && !settings.Gates.RequesterMayVote(gate))
        {
            return CommandOutcome.Forbidden($"{person.Name} requested this migration and may not vote on {gate}: a second pair of eyes is required.", run);
        }

        return run.VotesOnPendingGate.Any(v => string.Equals(v.User, person.Name, StringComparison.OrdinalIgnoreCase))
            ? CommandOutcome.Conflict($"{person.Name} already voted on {gate}; a second vote by the same person does not count. Another approver must decide.", run)
            : null;
    }

    private IEnumerable<string> OtherApprovers(MigrationRun run) =>
        people.Approvers
            .Select(p => p.Name)
            .Where(n => !string.Equals(n, run.RequestedBy, StringComparison.OrdinalIgnoreCase) || settings.Gates.RequesterMayVote(run.PendingGate!))
            .Where(n => !run.VotesOnPendingGate.Any(v => string.Equals(v.User, n, StringComparison.OrdinalIgnoreCase)));

    private static void MoveToNextStep(MigrationRun run)
    {
        if (Definition.Procedure.Next(run.Phase, run.Step) is { } next)
        {
            (run.Phase, run.Step) = next;
        }
    }
}
