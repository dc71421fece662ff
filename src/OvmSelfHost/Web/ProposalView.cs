using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
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
    IReadOnlyList<ProposalVoteView> Votes,
    bool FreshSignIn = false,
    string? SnapshotHash = null,
    IReadOnlyList<Runbook.Gates.SnapshotFact>? Facts = null)
{
    /// <summary>While open: the people whose approval the runbook would take now; empty once decided.</summary>
    public IReadOnlyList<string> CanVote { get; init; } = [];

    /// <param name="settings">Says whether an approval of this gate needs a fresh sign-in.</param>
    /// <param name="run">Its votes say how each voter signed in.</param>
    public static ProposalView From(GateProposal proposal, Runbook.Settings.RunbookSettings? settings = null, Runbook.Runs.MigrationRun? run = null) => new(
        proposal.Key.ToString(),
        proposal.Key.Phase,
        proposal.Key.Gate.Name,
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
        proposal.Decisions.Select(d => new ProposalVoteView(d.User, d.Decision.ToString().ToLowerInvariant(), d.Reason, d.At, d.Channel,
            run is null ? null : proposal.Key.Opening.VotesIn(run).FirstOrDefault(v => v.User == d.User)?.Authentication?.Describe())).ToList(),
        settings?.FreshSignIn?.Applies(proposal.Key.Gate) == true,
        proposal.Snapshot?.ShortHash,
        proposal.Snapshot?.Facts);
}
