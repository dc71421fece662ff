using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Web;

/// <summary>A proposal card as the console draws it; <see cref="Key"/> is what a vote is bound to.</summary>
internal sealed record ProposalView(
    string Key,
    int Phase,
    string Gate,
    int Round,
    string Title,
    string? WhatHappens,
    string Target,
    string Risk,
    bool Dangerous,
    string? WhyRisky,
    string? Check,
    int RequiredApprovals,
    bool RequesterMayVote,
    string Status,
    IReadOnlyList<ProposalVoteView> Votes)
{
    public static ProposalView From(GateProposal proposal) => new(
        proposal.Key.ToString(),
        proposal.Key.Phase,
        proposal.Key.Gate,
        proposal.Key.Round,
        proposal.Title,
        proposal.WhatHappens,
        proposal.Target,
        proposal.Risk.ToString(),
        proposal.Risk == StepRisk.Dangerous,
        proposal.WhyRisky,
        proposal.Check,
        proposal.RequiredApprovals,
        proposal.RequesterMayVote,
        proposal.Status.ToString(),
        proposal.Decisions.Select(d => new ProposalVoteView(d.User, d.Decision.ToString().ToLowerInvariant(), d.Reason, d.At, d.Channel)).ToList());
}
