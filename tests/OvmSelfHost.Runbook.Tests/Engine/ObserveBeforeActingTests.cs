using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

/// <summary>
/// Why 3 of issue 11: the host killed while runInstaller.sh runs. Old main failed the step as "unknown
/// whether it went out", and every retry ran the installer again. Now the step looks first.
/// </summary>
public sealed class ObserveBeforeActingTests
{
    [Fact]
    public async Task InstallerStillRunningAfterRestart_Advance_WaitsForItAndNeverStartsAnother()
    {
        var harness = new EngineHarness();
        var run = await CrashedDuringInstallAsync(harness);
        var b = harness.Ovm.Environments["B"];
        b.InstallerRunningLooks = 3;
        b.RunningInstallerUuid = b.OriginalUuid;

        var restarted = new EngineHarness(store: harness.Store, ovm: harness.Ovm);
        await AdvanceWithClockAsync(restarted, harness, run.Id);
        run = await harness.LoadAsync(run.Id);

        var install = run.StepAt(1, StepKind.InstallManager);
        Assert.Equal(StepStatus.Succeeded, install.Status);
        Assert.Contains("started before the restart finished", install.Message);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
        Assert.Equal(IntentStatus.Completed, run.FindIntent(1, "InstallManager:installer")!.Status);
        Assert.Equal(StepKind.StopOldManager, run.Step);
    }

    [Fact]
    public async Task InstallerFinishedWhileDown_Restart_FindsItInstalledWithoutRunningIt()
    {
        var harness = new EngineHarness();
        var run = await CrashedDuringInstallAsync(harness);
        var b = harness.Ovm.Environments["B"];
        b.ReplacementUuid = b.OriginalUuid;
        b.ReplacementRunning = true;

        await new EngineHarness(store: harness.Store, ovm: harness.Ovm).Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.InstallManager).Status);
        Assert.Contains("Found done", run.StepAt(1, StepKind.InstallManager).Message);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
        Assert.Equal(b.OriginalUuid, run.Facts[1].NewManagerUuid);
    }

    [Fact]
    public async Task FailedStepWithRecordedInstaller_Retry_ObservesInsteadOfClearingAndRunsNothingTwice()
    {
        var harness = new EngineHarness();
        var run = await CrashedDuringInstallAsync(harness);
        var stored = await harness.LoadAsync(run.Id);
        stored.State = RunState.Failed;
        stored.CurrentStep.Status = StepStatus.Failed;
        await harness.Store.SaveAsync(stored, [], null, RunFence.None, CancellationToken.None);
        var b = harness.Ovm.Environments["B"];
        b.ReplacementUuid = b.OriginalUuid;
        b.ReplacementRunning = true;

        var retry = await harness.Engine.ActAsync(run.Id, "bob", "test", OperatorAction.Retry, CancellationToken.None);
        await harness.Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.ApproveAllUntilAsync(run.Id, StepKind.InstallManager);

        Assert.True(retry.Succeeded, retry.Message);
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.InstallManager).Status);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherUuidInstalled_Restart_StopsForAPersonAndSaysWhatItSaw()
    {
        var harness = new EngineHarness();
        var run = await CrashedDuringInstallAsync(harness);
        var b = harness.Ovm.Environments["B"];
        b.ReplacementUuid = "0004fb0000010000cccccccccccccccc";
        b.ReplacementRunning = true;

        await new EngineHarness(store: harness.Store, ovm: harness.Ovm).Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("UUID=0004fb0000010000cccccccccccccccc, not " + b.OriginalUuid, run.StatusMessage);
        Assert.Contains("for a person to judge", run.StatusMessage);
        Assert.DoesNotContain(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingInstalledAndNothingRunning_Restart_RunsTheInstallerOnce()
    {
        var harness = new EngineHarness();
        var run = await CrashedDuringInstallAsync(harness);

        await new EngineHarness(store: harness.Store, ovm: harness.Ovm).Engine.AdvanceAsync(run.Id, CancellationToken.None);
        run = await harness.LoadAsync(run.Id);

        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.InstallManager).Status);
        Assert.Single(harness.Ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryStep_ProcedureRow_SaysWhatItObservesExactlyWhenItChangesOracleVm()
    {
        var changing = new[] { StepKind.PrepareHostingEnvironment, StepKind.CreateManagerVm, StepKind.InstallManager, StepKind.StopOldManager, StepKind.Rediscover, StepKind.ProveHighAvailability };
        Assert.Equal(changing, Procedure.Steps.Where(s => s.ChangesOracleVm).Select(s => s.Kind));
        Assert.All(EngineHarness.AllSteps(), h => Assert.NotNull(Procedure.Step(h.Kind)));
    }

    [Fact]
    public async Task EveryStepThatChangesOracleVm_Observe_LooksInsteadOfAnsweringReadsOnly()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        var handlers = EngineHarness.AllSteps().ToDictionary(h => h.Kind);
        foreach (var row in Procedure.Steps)
        {
            run.Step = row.Kind;
            var context = new StepContext(run, harness.Settings, harness.Ovm, harness.Store, harness.Notifier, harness.Time, new OperationDurations(),
                new RunLease(new RunFence(run.Id, "test", 1), DateTimeOffset.MaxValue));
            var observed = await handlers[row.Kind].ObserveAsync(context, CancellationToken.None);
            Assert.Equal(row.ChangesOracleVm, observed.State != ObservedState.ReadsOnly);
        }
    }

    /// <summary>The run as a crash inside InstallManager leaves it: Running, the installer intent recorded, no outcome.</summary>
    private static async Task<MigrationRun> CrashedDuringInstallAsync(EngineHarness harness)
    {
        var run = await harness.StartAsync();
        run = await harness.ApproveAsync(run.Id, "bob");
        Assert.Equal(StepKind.InstallManager, run.Step);
        var installer = new IntentRecord
        {
            Phase = 1, Step = "InstallManager", Key = "InstallManager:installer", Description = "runInstaller.sh on ovmm-b-vm",
            Status = IntentStatus.Recorded, RecordedAt = harness.Time.GetUtcNow(),
        };
        await harness.Store.SaveIntentAsync(run.Id, installer, RunFence.None, CancellationToken.None);
        var stored = await harness.LoadAsync(run.Id);
        stored.State = RunState.Running;
        stored.CurrentStep.Status = StepStatus.Running;
        await harness.Store.SaveAsync(stored, [], null, RunFence.None, CancellationToken.None);
        return stored;
    }

    /// <summary>The step waits on the harness's fake clock: move it on until the advance is done.</summary>
    private static async Task AdvanceWithClockAsync(EngineHarness engine, EngineHarness clock, Guid id)
    {
        var advance = engine.Engine.AdvanceAsync(id, CancellationToken.None);
        while (!advance.IsCompleted)
        {
            engine.Time.Advance(TimeSpan.FromSeconds(2));
            clock.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(5);
        }

        await advance;
    }
}
