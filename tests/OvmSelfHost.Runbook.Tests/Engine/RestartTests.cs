using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

public sealed class RestartTests
{
    [Fact]
    public async Task A_new_engine_reattaches_to_a_recorded_job_instead_of_calling_again()
    {
        var harness = new EngineHarness();
        harness.Ovm.HangJob = op => op is Ports.CreateManagerVm;
        var run = await harness.StartAsync();
        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(RunState.Failed, run.State);
        var intent = Assert.Single(run.Intents, i => i.Key == "CreateManagerVm:create");
        Assert.Equal(IntentStatus.Issued, intent.Status);
        Assert.Contains(intent.JobId!, run.StatusMessage);

        // The job finishes while the bot is down; a new engine over the same store retries.
        var job = harness.Ovm.Jobs[intent.JobId!];
        harness.Ovm.Jobs[intent.JobId!] = job with { State = Ports.OvmJobState.Succeeded, ResultId = "vm-ovmm-b-vm" };
        var restarted = new EngineHarness(store: harness.Store, ovm: harness.Ovm);
        await restarted.Engine.ActAsync(run.Id, "bob", "test", Runbook.Engine.OperatorAction.Retry, CancellationToken.None);
        await restarted.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
        Assert.Single(harness.Ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
        Assert.Equal(2, harness.Ovm.Calls.Count(c => c == $"wait {intent.JobId}"));
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_running_step_resumes_without_repeating_its_side_effects()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(StepKind.InstallManager, run.Step);
        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(StepKind.StopOldManager, run.Step);

        // Simulate a crash after the stop was issued and before the outcome was saved.
        run = await harness.ApproveAsync(run.Id, "bob", "carol");
        var stored = await harness.LoadAsync(run.Id);
        stored.State = RunState.Running;
        stored.Phase = 1;
        stored.Step = StepKind.StopOldManager;
        await harness.Store.SaveAsync(stored, [], null, RunFence.None, CancellationToken.None);
        var stopsBefore = harness.Ovm.Calls.Count(c => c == "B/OriginalManager: service ovmm stop");

        var restarted = new EngineHarness(store: harness.Store, ovm: harness.Ovm);
        await restarted.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(1, stopsBefore);
        Assert.Equal(1, harness.Ovm.Calls.Count(c => c == "B/OriginalManager: service ovmm stop"));
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.StopOldManager).Status);
        Assert.Single(harness.Ovm.Calls, c => c.StartsWith("B/Replacement: discover server ovs-b1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IntentRecordedWithoutJobId_Restart_LooksAndCreatesTheVmOnceWhenItIsNotThere()
    {
        var harness = new EngineHarness();
        var run = await RecordedCreateIntentAsync(harness);

        await new EngineHarness(store: harness.Store, ovm: harness.Ovm).Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
        Assert.Single(harness.Ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
        Assert.Contains(run.StepAt(1, StepKind.CreateManagerVm).Output, l => l.Contains("no VM named ovmm-b-vm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IntentRecordedWithoutJobId_RestartAfterTheCallWentOut_AdoptsTheVmWithoutCallingAgain()
    {
        var harness = new EngineHarness();
        var run = await RecordedCreateIntentAsync(harness);
        harness.Ovm.Environments["A"].Vms.Add(new Ports.VmFacts("vm-made-before-crash", "ovmm-b-vm", "pool-a", null, "STOPPED", true, "repo-a"));

        await new EngineHarness(store: harness.Store, ovm: harness.Ovm).Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
        Assert.Equal("vm-made-before-crash", run.Facts[1].NewVmId);
        Assert.Single(harness.Ovm.Calls, c => c.Contains("start VM vm-made-before-crash", StringComparison.Ordinal));
    }

    private static async Task<MigrationRun> RecordedCreateIntentAsync(EngineHarness harness)
    {
        var run = await harness.StartAsync();
        var ambiguous = new IntentRecord
        {
            Phase = 1, Step = "CreateManagerVm", Key = "CreateManagerVm:create", Description = "create VM ovmm-b-vm",
            Status = IntentStatus.Recorded, RecordedAt = harness.Time.GetUtcNow(),
        };
        await harness.Store.SaveIntentAsync(run.Id, ambiguous, RunFence.None, CancellationToken.None);
        var stored = await harness.LoadAsync(run.Id);
        stored.State = RunState.Running;
        stored.Step = StepKind.CreateManagerVm;
        await harness.Store.SaveAsync(stored, [], null, RunFence.None, CancellationToken.None);
        return stored;
    }

    [Fact]
    public async Task Pause_requested_while_a_step_runs_takes_effect_at_the_next_safe_point()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        var stored = await harness.LoadAsync(run.Id);
        Assert.Equal(RunState.AwaitingApproval, stored.State);
        await harness.Engine.DecideAsync(run.Id, "bob", "test", Gates.VoteDecision.Approve, null, CancellationToken.None);
        stored = await harness.LoadAsync(run.Id);
        stored.State = RunState.Running;
        await harness.Store.SaveAsync(stored, [], null, RunFence.None, CancellationToken.None);

        var pause = await harness.Engine.ActAsync(run.Id, "carol", "test", Runbook.Engine.OperatorAction.Pause, CancellationToken.None);
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Contains("finishes", pause.Message);
        Assert.Equal(RunState.Paused, run.State);
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
        Assert.Equal(StepKind.VerifyGuestOs, run.Step);
    }
}
