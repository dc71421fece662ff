using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

public sealed class GateTests
{
    private static async Task<(EngineHarness Harness, MigrationRun Run)> AtStopGateAsync()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        while (!(run.State == RunState.AwaitingApproval && run.Step == StepKind.StopOldManager))
        {
            run = await harness.ApproveAsync(run.Id, "bob");
        }

        return (harness, run);
    }

    [Fact]
    public async Task A_gate_with_no_approval_policy_runs_without_waiting()
    {
        var harness = new EngineHarness(new Dictionary<string, ApprovalPolicy>
        {
            ["CreateManagerVm"] = ApprovalPolicy.None,
            ["InstallManager"] = ApprovalPolicy.None,
        });
        var run = await harness.StartAsync();

        Assert.Equal(RunState.AwaitingApproval, run.State);
        Assert.Equal(StepKind.StopOldManager, run.Step);
    }

    [Fact]
    public async Task A_one_approver_gate_opens_with_one_approval()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));

        run = await harness.ApproveAsync(run.Id, "bob");

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
    }

    [Fact]
    public async Task Stopping_the_old_manager_needs_two_distinct_approvers()
    {
        var (harness, run) = await AtStopGateAsync();

        var first = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.True(first.Succeeded);
        Assert.Equal(RunState.AwaitingApproval, run.State);
        Assert.True(harness.Ovm.Environments["B"].OriginalRunning);
        Assert.Contains("carol", run.StatusMessage);

        run = await harness.ApproveAsync(run.Id, "carol");
        Assert.False(harness.Ovm.Environments["B"].OriginalRunning);
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.StopOldManager).Status);
    }

    [Fact]
    public async Task A_second_vote_by_the_same_person_is_refused_and_changes_nothing()
    {
        var (harness, run) = await AtStopGateAsync();
        await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);
        var before = await harness.LoadAsync(run.Id);

        var again = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Conflict, again.Kind);
        Assert.Contains("already voted", again.Message);
        var after = await harness.LoadAsync(run.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Votes.Count, after.Votes.Count);
    }

    [Fact]
    public async Task The_requester_may_not_approve_a_dangerous_gate()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync("dave");
        while (!(run.State == RunState.AwaitingApproval && run.Step == StepKind.StopOldManager))
        {
            run = await harness.ApproveAsync(run.Id, "bob");
        }

        var outcome = await harness.Engine.DecideAsync(run.Id, "dave", "test", VoteDecision.Approve, null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Forbidden, outcome.Kind);
        Assert.Contains("second pair of eyes", outcome.Message);
        Assert.Empty((await harness.LoadAsync(run.Id)).VotesOnPendingGate);
    }

    [Fact]
    public async Task A_non_approver_vote_is_refused()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        var outcome = await harness.Engine.DecideAsync(run.Id, "alice", "test", VoteDecision.Approve, null, CancellationToken.None);
        var unknown = await harness.Engine.DecideAsync(run.Id, "mallory", "test", VoteDecision.Approve, null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Forbidden, outcome.Kind);
        Assert.Equal(OutcomeKind.Forbidden, unknown.Kind);
        Assert.Empty((await harness.LoadAsync(run.Id)).Votes);
    }

    [Fact]
    public async Task A_decision_with_no_pending_gate_is_refused()
    {
        var harness = new EngineHarness(withAdapters: false);
        var created = await harness.Engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None);

        var outcome = await harness.Engine.DecideAsync(created.Run!.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Conflict, outcome.Kind);
        Assert.Contains("no gate waiting", outcome.Message);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_stops_the_run_where_it_can_be_retried()
    {
        var (harness, run) = await AtStopGateAsync();

        var noReason = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Reject, " ", CancellationToken.None);
        var rejected = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Reject, "window too short", CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(OutcomeKind.Invalid, noReason.Kind);
        Assert.True(rejected.Succeeded);
        Assert.Equal(RunState.Rejected, run.State);
        Assert.True(harness.Ovm.Environments["B"].OriginalRunning);
        Assert.Contains("retry", string.Join(",", new RunStateMachine(run).PermittedTriggers).ToLowerInvariant());

        var retry = await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Retry, CancellationToken.None);
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);
        Assert.True(retry.Succeeded);
        Assert.Equal(RunState.AwaitingApproval, run.State);
        Assert.Empty(run.VotesOnPendingGate);
    }

    [Fact]
    public async Task Rolling_back_needs_two_approvals_then_restores_the_old_manager()
    {
        var (harness, run) = await AtStopGateAsync();
        run = await harness.ApproveAsync(run.Id, "bob", "carol");
        Assert.False(harness.Ovm.Environments["B"].OriginalRunning);
        await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Pause, CancellationToken.None);

        var abort = await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Abort, CancellationToken.None);
        var rollback = await harness.Engine.ActAsync(run.Id, "alice", "test", OperatorAction.Rollback, CancellationToken.None);
        run = await harness.ApproveAsync(run.Id, "bob", "carol");

        Assert.Equal(OutcomeKind.Conflict, abort.Kind);
        Assert.Contains("roll back instead", abort.Message);
        Assert.True(rollback.Succeeded);
        Assert.Equal(RunState.RolledBack, run.State);
        var b = harness.Ovm.Environments["B"];
        Assert.True(b.OriginalRunning);
        Assert.False(b.ReplacementRunning);
        var calls = harness.Ovm.Calls;
        Assert.True(calls.IndexOf("B/ReplacementVm: service ovmm stop") < calls.LastIndexOf("B/OriginalManager: service ovmm start"));
    }

    [Fact]
    public async Task A_second_migration_touching_a_busy_environment_is_refused()
    {
        var harness = new EngineHarness();
        await harness.StartAsync();

        var second = await harness.Engine.RequestAsync(["B", "A"], "alice", "test", null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Conflict, second.Kind);
        Assert.Contains("already has a migration in flight", second.Message);
        Assert.Single(await harness.Engine.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(new[] { "A" }, "exactly two environments")]
    [InlineData(new[] { "A", "A" }, "two different environments")]
    [InlineData(new[] { "A", "Z" }, "Unknown environment Z")]
    public async Task Bad_requests_are_refused_and_create_nothing(string[] environments, string expected)
    {
        var harness = new EngineHarness();

        var outcome = await harness.Engine.RequestAsync(environments, "alice", "test", null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Contains(expected, outcome.Message);
        Assert.Empty(await harness.Engine.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pausing_during_a_gate_then_resuming_opens_the_gate_again()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        var paused = await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Pause, CancellationToken.None);
        var vote = await harness.Engine.DecideAsync(run.Id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);
        await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Resume, CancellationToken.None);
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.True(paused.Succeeded);
        Assert.Equal(OutcomeKind.Conflict, vote.Kind);
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));
    }

    [Fact]
    public async Task A_vote_for_an_opening_that_has_closed_never_lands_on_the_next_gate()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        var stale = new GateOpening(run.Phase, run.PendingGate!.Value, run.GateRound);
        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(StepKind.InstallManager, run.Step);

        var late = await harness.Engine.DecideAsync(run.Id, "carol", "slack", VoteDecision.Approve, null, CancellationToken.None, stale);

        Assert.Equal(OutcomeKind.Conflict, late.Kind);
        Assert.Contains("no longer waiting", late.Message);
        Assert.Empty((await harness.LoadAsync(run.Id)).VotesOnPendingGate);
    }
}
