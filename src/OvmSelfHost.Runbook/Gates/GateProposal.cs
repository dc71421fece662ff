using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// What a gated step proposes, in a channel-neutral shape that Slack Block Kit and Teams Adaptive
/// Cards both render: what will happen, on which target, how risky, what to check, and the votes.
/// </summary>
/// <param name="Migration">A short label of the migration: its short id and the pair.</param>
/// <param name="WhatHappens">What the step does; null for a closed acknowledgement whose text was transient.</param>
/// <param name="Snapshot">What this opening asks the approver to check, as read when it opened; null for gates without a snapshot.</param>
public sealed record GateProposal(
    ProposalKey Key,
    string Migration,
    string Title,
    string? WhatHappens,
    string Target,
    StepRisk Risk,
    string? WhyRisky,
    string? Check,
    int RequiredApprovals,
    bool RequesterMayVote,
    GateStatus Status,
    IReadOnlyList<GateDecision> Decisions,
    GateSnapshot? Snapshot = null)
{
    /// <summary>Dangerous proposals ask for a confirmation before an approval is sent.</summary>
    public bool IsDangerous => Risk == StepRisk.Dangerous;

    public bool IsOpen => Status == GateStatus.Open;
}
