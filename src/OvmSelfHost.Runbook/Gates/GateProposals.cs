using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// What every gate shows, in one place: builds proposals from a stored run (the open gate, and any earlier opening by its
/// key) with the title, facts, risk and votes the channels render as they are.
/// </summary>
public static class GateProposals
{
    /// <summary>The gate that waits for votes now, or null.</summary>
    public static ProposalKey? OpenKey(MigrationRun run) =>
        GateOpening.WaitingIn(run) is { } open ? ProposalKey.Of(run.Id, open) : null;

    /// <summary>Every opening people were asked to decide: those with votes, and the one open now; by round, then phase.</summary>
    public static IReadOnlyList<ProposalKey> Keys(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var keys = run.Votes.Select(v => new ProposalKey(run.Id, v.Phase, v.Gate, v.Round)).ToList();
        if (OpenKey(run) is { } open)
        {
            keys.Add(open);
        }

        return [.. keys.Distinct().OrderBy(k => k.Round).ThenBy(k => k.Phase)];
    }

    public static GateProposal Describe(MigrationRun run, ProposalKey key, RunbookSettings settings)
    {
        var policy = settings.Gates.For(key.Gate);
        var required = GatePolicies.RequiredApprovals(policy);
        var decisions = key.Opening.VotesIn(run)
            .OrderBy(v => v.At)
            .Select(v => new GateDecision(v.User, v.Decision, v.Reason, v.At, v.Channel))
            .ToList();
        var status = Status(key == OpenKey(run), decisions, required);
        var plan = Procedure.Phase(key.Phase, run.EnvironmentA, run.EnvironmentB);
        var label = $"{MigrationRun.ShortIdOf(run.Id)} ({run.EnvironmentA} and {run.EnvironmentB}), phase {key.Phase}";
        var mayVote = settings.Gates.RequesterMayVote(key.Gate);
        if (key.Gate.IsStep(out var kind))
        {
            var step = Procedure.Step(kind);
            var snapshot = run.SnapshotOf(key.Opening);
            return new GateProposal(key, label, step.Title, WithUuid(Procedure.Render(step.WhatHappens, plan), plan.Target, snapshot), Procedure.Render(step.Touches, plan),
                step.Risk, Procedure.Render(step.WhyRisky, plan), Procedure.Render(step.Check, plan) + Seen(run, key.Phase, kind), required, mayVote, status, decisions, snapshot);
        }

        var rule = GateRules.For(key.Gate, plan);
        var what = status == GateStatus.Open ? run.StatusMessage : null;
        return new GateProposal(key, label, rule.Title, what, $"{plan.Target} and {plan.Hosting}", rule.Risk, rule.WhyRisky, null, required, mayVote, status, decisions);
    }

    /// <summary>
    /// The procedure names the UUID to install as a placeholder; the approver is shown the one the snapshot read
    /// (the UUID the new manager takes), so the text they approve is the command that will run.
    /// </summary>
    private static string WithUuid(string text, string target, GateSnapshot? snapshot) =>
        snapshot?.Facts.FirstOrDefault(f => f.Name == "UUID the new manager takes") is { } uuid
            ? text.Replace($"<UUID of {target}'s manager>", uuid.Value, StringComparison.Ordinal)
            : text;

    /// <summary>What the run measured that the approver of this gate should see (the HA drill on the confirmation).</summary>
    private static string Seen(MigrationRun run, int phase, StepKind kind) =>
        kind == StepKind.ConfirmPhase && run.Facts.GetValueOrDefault(phase)?.Drill is { } drill
            ? $" HA drill: {drill.Summary}{(drill.Passed ? "" : " (not passed; accepted by two approvers)")}"
            : "";

    private static GateStatus Status(bool open, IReadOnlyList<GateDecision> decisions, int required) =>
        open ? GateStatus.Open
        : decisions.Any(d => d.Decision == VoteDecision.Reject) ? GateStatus.Rejected
        : decisions.Count(d => d.Decision == VoteDecision.Approve) >= required ? GateStatus.Approved
        : GateStatus.Closed;
}
