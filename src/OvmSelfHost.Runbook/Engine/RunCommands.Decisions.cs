using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

public sealed partial class RunCommands
{
    /// <summary>
    /// A vote on one gate opening. Every check a vote needs is here, so the channels only map a
    /// person and show the outcome: who the person is, the approver role, that the very opening
    /// waits, a reason for a rejection, the requester rule and one vote per person. Refused votes
    /// change nothing.
    /// </summary>
    /// <param name="expected">
    /// The opening the decision was made for (a button's, or the one a typed command named when it
    /// was received). Every surface passes it; null (whatever waits now) is left for the runbook's own tests.
    /// </param>
    /// <param name="authentication">How the voter proved who they are (recorded with the vote); null: the channel's mapping of configured users.</param>
    /// <param name="receipt">The delivery that carried the vote, claimed with the vote when it counts.</param>
    /// <exception cref="DeliveryAlreadyClaimedException">The delivery was received before: nothing was recorded again.</exception>
    public Task<CommandOutcome> DecideAsync(
        Guid id, string user, string channel, VoteDecision decision, string? reason, CancellationToken cancellationToken, GateOpening? expected = null,
        Authentication? authentication = null, DeliveryReceipt? receipt = null) =>
        ChangeAsync(id, (run, journal) => Decide(run, journal, user, channel, decision, reason, expected, authentication), cancellationToken, receipt);

    /// <summary>The refusal a vote would get now, or null when it would count: for a confirmation asked before the vote is sent.</summary>
    public async Task<CommandOutcome?> VoteRefusalAsync(
        Guid id, string user, VoteDecision decision, string? reason, GateOpening expected, CancellationToken cancellationToken, Authentication? authentication = null) =>
        await changes.Store.FindAsync(id, cancellationToken) is { } run
            ? VoteRefusal(run, user, decision, reason, expected, authentication)
            : NoSuchRun(id);

    /// <summary>
    /// Who may vote on <paramref name="opening"/> of <paramref name="run"/>, by the same checks a vote gets (approver role, the
    /// opening still waiting, the requester rule, one vote per person, separation of duties): every configured person with the
    /// refusal an approval from them would get. A fresh sign-in is assumed, because a channel asks for one on click.
    /// </summary>
    public IReadOnlyList<GateVoter> Voters(MigrationRun run, GateOpening opening)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. people.All.Select(p => new GateVoter(p, VoterRefusal(run, opening, p.Name)))];
    }

    /// <summary>Why an approval from <paramref name="person"/> on <paramref name="opening"/> would not count now (as if freshly signed in); null when it would.</summary>
    public string? VoterRefusal(MigrationRun run, GateOpening opening, string person)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asIfFresh = new Authentication("as-if-fresh", SignedInAt: time.GetUtcNow());
        return VoteRefusal(run, person, VoteDecision.Approve, null, opening, asIfFresh)?.Message;
    }

    private CommandOutcome Decide(
        MigrationRun run, List<AuditEntry> journal, string user, string channel, VoteDecision decision, string? reason, GateOpening? expected, Authentication? authentication)
    {
        if (VoteRefusal(run, user, decision, reason, expected, authentication) is { } refusal)
        {
            return refusal;
        }

        var person = Caller(user, authentication)!;
        var opening = GateOpening.WaitingIn(run)!;
        var gate = opening.Gate;
        var seen = run.SnapshotOf(opening);
        run.Votes.Add(new Vote(run.Phase, gate, run.GateRound, person.Name, channel, decision, reason, time.GetUtcNow(), authentication,
            decision == VoteDecision.Approve ? seen?.Hash : null));
        journal.Add(Journal(run, person.Name, channel, decision == VoteDecision.Approve ? "approved" : "rejected",
            $"gate {gate} of phase {run.Phase} (round {run.GateRound}){(reason is null ? "" : $": {reason}")}{(authentication is null ? "" : $" ({authentication.Describe()})")}"
            + (seen is null ? "" : $"; snapshot {seen.Hash}")));

        var machine = new RunStateMachine(run);
        if (decision == VoteDecision.Reject)
        {
            machine.Fire(RunTrigger.GateRejected);
            return CloseGate(run, journal, person.Name, $"{person.Name} rejected {gate}: {reason}");
        }

        var required = GatePolicies.RequiredApprovals(settings.Gates.For(gate));
        var approvals = run.ApprovalsIn(opening);
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
        var wasAcknowledgement = run.PendingGate?.IsAcceptance == true;
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
                RunChanges.MoveToNextStep(run);
                break;
        }

        run.PendingGate = null;
        run.StatusMessage = message;
        journal.Add(Journal(run, actor, "engine", "gate-closed", message));
        return CommandOutcome.Done(run, message);
    }

    private CommandOutcome? VoteRefusal(MigrationRun run, string user, VoteDecision decision, string? reason, GateOpening? expected, Authentication? authentication)
    {
        var person = Caller(user, authentication);
        if (person is null)
        {
            return CommandOutcome.Forbidden($"'{user}' is not a configured user; nothing was recorded. Configured users: {string.Join(", ", people.All.Select(p => p.Name))}.", run);
        }

        if (!person.Is(PersonRole.Approver))
        {
            return CommandOutcome.Forbidden($"{person.Name} is not an approver; nothing was recorded. Approvers: {string.Join(", ", people.Approvers.Select(p => p.Name))}.", run);
        }

        var waiting = GateOpening.WaitingIn(run);
        if (expected is not null && expected != waiting)
        {
            return CommandOutcome.Conflict(
                $"Gate {expected.Describe()} (opening {expected.Round}) is no longer waiting (the migration is {run.State}{(waiting is null ? "" : $", waiting on {waiting.Describe()}")}); nothing was recorded.", run);
        }

        if (waiting is null)
        {
            return CommandOutcome.Conflict($"Migration {run.Id} has no gate waiting for a decision (it is {run.State} at phase {run.Phase} {run.Step}); nothing was recorded.", run);
        }

        var gate = waiting.Gate;
        if (decision == VoteDecision.Reject && string.IsNullOrWhiteSpace(reason))
        {
            return CommandOutcome.Invalid($"A rejection needs a reason, e.g. /ovm reject <id> {gate} the window is too short.", run);
        }

        if (decision == VoteDecision.Approve && StaleSignIn(gate, authentication) is { } stale)
        {
            return CommandOutcome.Forbidden(stale, run);
        }

        if (string.Equals(person.Name, run.RequestedBy, StringComparison.OrdinalIgnoreCase) && !settings.Gates.RequesterMayVote(gate))
        {
            return CommandOutcome.Forbidden($"{person.Name} requested this migration and may not vote on {gate}: a second pair of eyes is required.", run);
        }

        if (decision == VoteDecision.Approve && settings.Gates.SeparationRefusal(run, person.Name) is { } separation)
        {
            return CommandOutcome.Forbidden(separation, run);
        }

        return run.VotesOnPendingGate.Any(v => string.Equals(v.User, person.Name, StringComparison.OrdinalIgnoreCase))
            ? CommandOutcome.Conflict($"{person.Name} already voted on {gate}; a second vote by the same person does not count. Another approver must decide.", run)
            : null;
    }

    /// <summary>Why a dangerous gate does not take this approval: no sign-in at the identity provider, or one older than the limit.</summary>
    private string? StaleSignIn(GateKey gate, Authentication? authentication)
    {
        if (settings.FreshSignIn is not { } rule || !rule.Applies(gate))
        {
            return null;
        }

        var limit = rule.MaxAge;
        if (authentication?.SignedInAt is not { } at)
        {
            return $"{gate} needs an approval from a fresh sign-in (within {limit:g}) at the identity provider; nothing was recorded. "
                + "Approve it in the web console (a chat Approve button sends you a link there).";
        }

        var age = time.GetUtcNow() - at;
        return age <= limit
            ? null
            : $"{gate} needs a fresh sign-in: yours is {age.TotalMinutes:0} minutes old, the limit is {limit:g}; nothing was recorded. Sign in again and approve.";
    }

    private IEnumerable<string> OtherApprovers(MigrationRun run) =>
        people.Approvers
            .Select(p => p.Name)
            .Where(n => !string.Equals(n, run.RequestedBy, StringComparison.OrdinalIgnoreCase) || settings.Gates.RequesterMayVote(run.PendingGate!.Value))
            .Where(n => !run.VotesOnPendingGate.Any(v => string.Equals(v.User, n, StringComparison.OrdinalIgnoreCase)))
            .Where(n => settings.Gates.SeparationRefusal(run, n) is null);
}
