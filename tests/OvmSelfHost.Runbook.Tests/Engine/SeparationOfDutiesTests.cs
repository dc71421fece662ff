using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

public sealed class SeparationOfDutiesTests
{
    /// <summary>Every gate approved by bob (StopOldManager needs one approver here) until phase 2's cutover waits.</summary>
    private static async Task<(EngineHarness Harness, MigrationRun Run)> AtSecondCutoverAsync(bool separate)
    {
        var harness = new EngineHarness(new Dictionary<string, ApprovalPolicy> { ["StopOldManager"] = ApprovalPolicy.OneApprover }, separateCutoverApprovers: separate);
        var run = await harness.StartAsync();
        while (!(run.State == RunState.AwaitingApproval && run.Phase == 2 && run.Step == StepKind.StopOldManager))
        {
            Assert.True(run.State is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement, $"{run.State}: {run.StatusMessage}");
            run = await harness.ApproveAsync(run.Id, "bob");
        }

        return (harness, run);
    }

    [Fact]
    public async Task SeparationOn_SamePersonApprovesSecondCutover_IsRefusedAndRecordsNothing()
    {
        var (harness, run) = await AtSecondCutoverAsync(separate: true);
        Assert.Contains(run.Votes, v => v.Phase == 1 && v.Gate == GateKey.Of(StepKind.StopOldManager) && v is { User: "bob", Decision: VoteDecision.Approve });
        var votes = run.Votes.Count;

        var refused = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None, GateOpening.WaitingIn(run));
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(OutcomeKind.Forbidden, refused.Kind);
        Assert.StartsWith("bob approved the cutover of phase 1 (StopOldManager, 2026-11-26", refused.Message);
        Assert.Contains("separation of duties (Runbook:SeparateCutoverApprovers) needs someone else for this cutover; nothing was recorded.", refused.Message);
        Assert.Equal(votes, run.Votes.Count);
        Assert.Equal((RunState.AwaitingApproval, 2, StepKind.StopOldManager), (run.State, run.Phase, run.Step));
        Assert.True(harness.Ovm.Environments["A"].OriginalRunning);

        var other = await harness.Engine.DecideAsync(run.Id, "carol", "test", VoteDecision.Approve, null, CancellationToken.None, GateOpening.WaitingIn(run));
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);

        Assert.True(other.Succeeded, other.Message);
        Assert.False(harness.Ovm.Environments["A"].OriginalRunning);
    }

    [Fact]
    public async Task SeparationOn_ARejectionOfTheSecondCutover_IsStillTaken()
    {
        var (harness, run) = await AtSecondCutoverAsync(separate: true);

        var rejected = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Reject, "the window is too short", CancellationToken.None, GateOpening.WaitingIn(run));

        Assert.True(rejected.Succeeded, rejected.Message);
        Assert.Equal(RunState.Rejected, (await harness.LoadAsync(run.Id)).State);
    }

    [Fact]
    public async Task SeparationOff_SamePersonApprovesBothCutovers_Counts()
    {
        var (harness, run) = await AtSecondCutoverAsync(separate: false);

        var approved = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None, GateOpening.WaitingIn(run));

        Assert.True(approved.Succeeded, approved.Message);
    }
}
