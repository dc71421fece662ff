using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

/// <summary>The one answer every channel offers vote buttons from: who may vote on an opening, and why not the others.</summary>
public sealed class GateVotersTests
{
    [Fact]
    public async Task RequesterAndOneWhoVoted_AskWhoMayVote_OnlyTheOtherApproverMay()
    {
        // dave requests and approves; a two-approver gate never takes the requester's vote.
        var harness = new EngineHarness(new Dictionary<string, ApprovalPolicy> { ["CreateManagerVm"] = ApprovalPolicy.TwoApprovers });
        var run = await harness.StartAsync("dave");
        var opening = GateOpening.WaitingIn(run)!;
        var first = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None, opening);
        Assert.True(first.Succeeded, first.Message);
        run = await harness.LoadAsync(run.Id);

        var voters = harness.Engine.Voters(run, opening).ToDictionary(v => v.Person.Name, v => v.Refusal);

        Assert.Equal(["carol"], voters.Where(v => v.Value is null).Select(v => v.Key));
        Assert.Contains("alice is not an approver", voters["alice"]);
        Assert.Contains("bob already voted on CreateManagerVm", voters["bob"]);
        Assert.Contains("dave requested this migration and may not vote on CreateManagerVm", voters["dave"]);
    }

    [Fact]
    public async Task OpeningNoLongerWaits_AskWhoMayVote_NobodyMay()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        var opening = GateOpening.WaitingIn(run)!;
        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.All(harness.Engine.Voters(run, opening), v => Assert.False(v.MayVote));
        Assert.Contains("is no longer waiting", harness.Engine.VoterRefusal(run, opening, "carol"));
    }
}
