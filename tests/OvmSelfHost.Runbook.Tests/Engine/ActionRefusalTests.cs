using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

/// <summary>
/// Why 1 and 7 of issue 11: actions the state has no transition for threw a NullReferenceException
/// (Stateless leaves the unmet guards null), and a comma list could leave RollbackPending without
/// a gate. Every such action is a conflict naming what is possible, and changes nothing.
/// </summary>
public sealed class ActionRefusalTests
{
    private static Task<CommandOutcome> ActAsync(EngineHarness harness, Guid id, OperatorAction action) =>
        harness.Engine.ActAsync(id, "bob", "test", action, CancellationToken.None);

    private static async Task<(EngineHarness Harness, MigrationRun Run)> AtGateAsync(StepKind step)
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        while (!(run.State == RunState.AwaitingApproval && run.Step == step))
        {
            run = await harness.ApproveCurrentAsync(run.Id);
        }

        return (harness, run);
    }

    private static async Task AssertUnchangedAsync(EngineHarness harness, MigrationRun before)
    {
        var after = await harness.LoadAsync(before.Id);
        Assert.Equal((before.State, before.Phase, before.Step, before.PendingGate, before.GateRound, before.Votes.Count),
            (after.State, after.Phase, after.Step, after.PendingGate, after.GateRound, after.Votes.Count));
    }

    [Theory]
    [InlineData(OperatorAction.Retry)]
    [InlineData(OperatorAction.Resume)]
    public async Task AtAGate_RetryOrResume_IsAConflictNamingWhatIsPossible(OperatorAction action)
    {
        var (harness, run) = await AtGateAsync(StepKind.CreateManagerVm);

        var outcome = await ActAsync(harness, run.Id, action);

        Assert.Equal(OutcomeKind.Conflict, outcome.Kind);
        Assert.Contains("it is AwaitingApproval", outcome.Message);
        Assert.Contains("Possible now: pause, abort; approve or reject gate CreateManagerVm.", outcome.Message);
        await AssertUnchangedAsync(harness, run);
    }

    [Theory]
    [InlineData(OperatorAction.Abort)]
    [InlineData(OperatorAction.Rollback)]
    [InlineData(OperatorAction.Resume)]
    [InlineData(OperatorAction.Retry)]
    public async Task WhileAStepRuns_AbortRollbackResumeRetry_AreConflictsThatOfferPause(OperatorAction action)
    {
        var (harness, run) = await AtGateAsync(StepKind.InstallManager);
        // As another process sees it while the install runs: the state saved at the step's start.
        run.State = RunState.Running;
        run.PendingGate = null;
        await harness.Store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        var outcome = await ActAsync(harness, run.Id, action);

        Assert.Equal(OutcomeKind.Conflict, outcome.Kind);
        Assert.Contains("it is Running at phase 1 InstallManager", outcome.Message);
        Assert.Contains("Possible now: pause.", outcome.Message);
        await AssertUnchangedAsync(harness, run);
    }

    [Fact]
    public async Task WhileAStepRuns_ASecondPause_IsAConflict()
    {
        var (harness, run) = await AtGateAsync(StepKind.InstallManager);
        run.State = RunState.Running;
        run.PendingGate = null;
        await harness.Store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);

        Assert.True((await ActAsync(harness, run.Id, OperatorAction.Pause)).Succeeded);
        var second = await ActAsync(harness, run.Id, OperatorAction.Pause);

        Assert.Equal(OutcomeKind.Conflict, second.Kind);
        Assert.Contains("already requested", second.Message);
    }

    [Theory]
    [InlineData(OperatorAction.Pause)]
    [InlineData(OperatorAction.Resume)]
    [InlineData(OperatorAction.Retry)]
    [InlineData(OperatorAction.Abort)]
    [InlineData(OperatorAction.Rollback)]
    public async Task InRollbackPending_AnyAction_IsAConflictPointingAtTheRollbackGate(OperatorAction action)
    {
        var (harness, run) = await AtGateAsync(StepKind.ConfirmPhase);
        var rollback = await ActAsync(harness, run.Id, OperatorAction.Rollback);
        Assert.True(rollback.Succeeded, rollback.Message);
        run = await harness.LoadAsync(run.Id);
        Assert.Equal((RunState.RollbackPending, GateKey.Rollback), (run.State, run.PendingGate));

        var outcome = await ActAsync(harness, run.Id, action);

        Assert.Equal(OutcomeKind.Conflict, outcome.Kind);
        Assert.Contains("approve or reject gate Rollback", outcome.Message);
        await AssertUnchangedAsync(harness, run);
    }

    [Fact]
    public async Task OnACompletedRun_Pause_IsAConflictSayingNothingIsPossible()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        run = await harness.ApproveAllAsync(run.Id);
        Assert.Equal(RunState.Completed, run.State);

        var outcome = await ActAsync(harness, run.Id, OperatorAction.Pause);

        Assert.Equal(OutcomeKind.Conflict, outcome.Kind);
        Assert.Contains("Possible now: nothing", outcome.Message);
        await AssertUnchangedAsync(harness, run);
    }

    [Fact]
    public async Task AtConfirmPhase_ACombinedFlagValue_IsInvalidAndOpensNoGatelessRollback()
    {
        // "Resume, Rollback" was Enum.TryParse's 5: neither a pause nor a rollback, yet it reached RollbackPending.
        var (harness, run) = await AtGateAsync(StepKind.ConfirmPhase);

        var outcome = await ActAsync(harness, run.Id, OperatorAction.Resume | OperatorAction.Rollback);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        await AssertUnchangedAsync(harness, run);
    }

    [Fact]
    public void EnteringRollbackPending_ByAnyPath_OpensTheRollbackGate()
    {
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
        run.State = RunState.Failed;
        run.Phase = 1;
        run.Step = StepKind.ConfirmPhase;
        run.PendingGate = null;
        run.Intents.Add(new IntentRecord { Phase = 1, Step = nameof(StepKind.CreateManagerVm), Key = "CreateManagerVm:create", Description = "create VM", Status = IntentStatus.Completed });
        var round = run.GateRound;
        var machine = new RunStateMachine(run);
        Assert.True(machine.CanFire(RunTrigger.Rollback, out _), "a phase at ConfirmPhase has changes to undo");

        machine.Fire(RunTrigger.Rollback);

        Assert.Equal((RunState.RollbackPending, GateKey.Rollback, round + 1), (run.State, run.PendingGate, run.GateRound));
    }

    [Fact]
    public async Task AFailedPreflight_OffersOnlyWhatIsPossible_NeverARollback()
    {
        var harness = new EngineHarness();
        harness.Ovm.Environments["A"].OriginalRunning = false;

        var run = await harness.StartAsync();

        Assert.Equal((RunState.Failed, StepKind.Preflight), (run.State, run.Step));
        Assert.Contains("Possible now: retry, abort.", run.StatusMessage);
        Assert.DoesNotContain("roll back", run.StatusMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["retry", "abort"], MigrationEngine.AllowedActions(run).Select(a => a.ToString().ToLowerInvariant()));
    }
}
