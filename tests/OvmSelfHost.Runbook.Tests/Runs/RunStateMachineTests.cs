using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Tests.Runs;

public sealed class RunStateMachineTests
{
    private static MigrationRun NewRun(RunState state)
    {
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
        run.State = state;
        return run;
    }

    [Theory]
    [InlineData(RunState.Queued, RunTrigger.Started, RunState.Ready)]
    [InlineData(RunState.Ready, RunTrigger.ApprovalRequested, RunState.AwaitingApproval)]
    [InlineData(RunState.Ready, RunTrigger.StepBegan, RunState.Running)]
    [InlineData(RunState.AwaitingApproval, RunTrigger.GateApproved, RunState.Ready)]
    [InlineData(RunState.AwaitingApproval, RunTrigger.GateRejected, RunState.Rejected)]
    [InlineData(RunState.Running, RunTrigger.StepSucceeded, RunState.Ready)]
    [InlineData(RunState.Running, RunTrigger.StepFailed, RunState.Failed)]
    [InlineData(RunState.Running, RunTrigger.AcknowledgementRequested, RunState.AwaitingAcknowledgement)]
    [InlineData(RunState.AwaitingAcknowledgement, RunTrigger.GateApproved, RunState.Ready)]
    [InlineData(RunState.Failed, RunTrigger.Retry, RunState.Ready)]
    [InlineData(RunState.Rejected, RunTrigger.Retry, RunState.Ready)]
    [InlineData(RunState.Paused, RunTrigger.Resume, RunState.Ready)]
    [InlineData(RunState.Ready, RunTrigger.Pause, RunState.Paused)]
    [InlineData(RunState.Failed, RunTrigger.Abort, RunState.Aborted)]
    [InlineData(RunState.RollbackPending, RunTrigger.GateApproved, RunState.RollingBack)]
    [InlineData(RunState.RollbackPending, RunTrigger.GateRejected, RunState.Paused)]
    [InlineData(RunState.RollingBack, RunTrigger.RollbackSucceeded, RunState.RolledBack)]
    [InlineData(RunState.RollingBack, RunTrigger.RollbackFailed, RunState.Failed)]
    public void Each_permitted_trigger_leads_to_its_state(RunState from, RunTrigger trigger, RunState to)
    {
        var run = NewRun(from);

        new RunStateMachine(run).Fire(trigger);

        Assert.Equal(to, run.State);
    }

    [Fact]
    public void Success_of_the_last_step_completes_the_run()
    {
        var run = NewRun(RunState.Running);
        (run.Phase, run.Step) = (2, StepKind.ConfirmPhase);

        new RunStateMachine(run).Fire(RunTrigger.StepSucceeded);

        Assert.Equal(RunState.Completed, run.State);
    }

    [Fact]
    public void Success_with_a_pause_requested_pauses()
    {
        var run = NewRun(RunState.Running);
        run.PauseRequested = true;

        new RunStateMachine(run).Fire(RunTrigger.StepSucceeded);

        Assert.Equal(RunState.Paused, run.State);
    }

    [Fact]
    public void Abort_is_refused_past_the_cutover_with_the_reason()
    {
        var run = NewRun(RunState.Failed);
        run.StepAt(1, StepKind.StopOldManager).Status = StepStatus.Succeeded;

        var can = new RunStateMachine(run).CanFire(RunTrigger.Abort, out var unmet);

        Assert.False(can);
        Assert.Contains(unmet, u => u.Contains("roll back instead", StringComparison.Ordinal));
    }

    [Fact]
    public void Rollback_is_refused_when_nothing_was_changed()
    {
        var run = NewRun(RunState.Failed);

        Assert.False(new RunStateMachine(run).CanFire(RunTrigger.Rollback, out _));
    }

    [Theory]
    [InlineData(RunState.Completed)]
    [InlineData(RunState.Aborted)]
    [InlineData(RunState.RolledBack)]
    public void Ended_runs_accept_no_trigger(RunState state)
    {
        Assert.Empty(new RunStateMachine(NewRun(state)).PermittedTriggers);
    }

    [Fact]
    public void The_graph_is_mermaid_with_the_current_state_highlighted()
    {
        var run = NewRun(RunState.AwaitingApproval);

        var graph = new RunStateMachine(run).ToMermaid();

        Assert.StartsWith("stateDiagram-v2", graph);
        Assert.Contains("AwaitingApproval --> Rejected : GateRejected", graph);
        Assert.Contains("class AwaitingApproval current", graph);
    }
}
