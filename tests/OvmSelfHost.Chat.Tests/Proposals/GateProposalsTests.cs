using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Tests.Proposals;

public sealed class GateProposalsTests
{
    [Fact]
    public void WaitingRun_Describe_SaysWhatTargetRiskAndWhoMayVote()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);

        var proposal = GateProposals.Describe(run, GateProposals.OpenKey(run)!, ProposalRendering.Settings);

        Assert.Equal(GateStatus.Open, proposal.Status);
        Assert.Equal("Stop the old manager", proposal.Title);
        Assert.Contains("B's current manager host", proposal.WhatHappens);
        Assert.Equal("B manager host", proposal.Target);
        Assert.True(proposal.IsDangerous);
        Assert.Equal(2, proposal.RequiredApprovals);
        Assert.False(proposal.RequesterMayVote);
    }

    [Fact]
    public void GateClosedByApprovals_Describe_IsApprovedWithTheVotes()
    {
        var run = ProposalRendering.WaitingAt(StepKind.CreateManagerVm);
        var key = GateProposals.OpenKey(run)!;
        ProposalRendering.Vote(run, "bob", VoteDecision.Approve);
        run.State = RunState.Running;
        run.PendingGate = null;

        var proposal = GateProposals.Describe(run, key, ProposalRendering.Settings);

        Assert.Null(GateProposals.OpenKey(run));
        Assert.Equal(GateStatus.Approved, proposal.Status);
        Assert.Equal("bob", Assert.Single(proposal.Decisions).User);
    }

    [Fact]
    public void GateAbandoned_Describe_IsClosed()
    {
        var run = ProposalRendering.WaitingAt(StepKind.StopOldManager);
        var key = GateProposals.OpenKey(run)!;
        ProposalRendering.Vote(run, "bob", VoteDecision.Approve);
        run.State = RunState.Aborted;

        Assert.Equal(GateStatus.Closed, GateProposals.Describe(run, key, ProposalRendering.Settings).Status);
    }

    [Fact]
    public void OlderRound_Describe_IsNotTheOpenOne()
    {
        var run = ProposalRendering.WaitingAt(StepKind.InstallManager, round: 4);
        var earlier = GateProposals.OpenKey(run)! with { Round = 3 };

        Assert.NotEqual(GateStatus.Open, GateProposals.Describe(run, earlier, ProposalRendering.Settings).Status);
    }
}
