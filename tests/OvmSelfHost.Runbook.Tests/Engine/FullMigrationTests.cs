using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

public sealed class FullMigrationTests
{
    [Fact]
    public async Task Both_phases_complete_when_every_gate_is_approved()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        run = await harness.ApproveAllAsync(run.Id);

        Assert.Equal(RunState.Completed, run.State);
        Assert.All(run.Steps, s => Assert.Contains(s.Status, new[] { StepStatus.Succeeded, StepStatus.Skipped }));
        var a = harness.Ovm.Environments["A"];
        var b = harness.Ovm.Environments["B"];
        Assert.False(a.OriginalRunning);
        Assert.False(b.OriginalRunning);
        Assert.Equal(a.OriginalUuid, a.ReplacementUuid);
        Assert.Equal(b.OriginalUuid, b.ReplacementUuid);
        Assert.Contains(a.Vms, v => v.Name == "ovmm-b-vm" && v.HighAvailability && v.PoolId == "pool-a");
        Assert.Contains(b.Vms, v => v.Name == "ovmm-a-vm" && v.HighAvailability && v.PoolId == "pool-b");
        Assert.True(run.Facts[1].Diff!.IsEmpty);
        Assert.True(run.Facts[2].Diff!.IsEmpty);
    }

    [Fact]
    public async Task Phase_two_creates_the_vm_through_the_replacement_manager_of_the_first_phase()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        await harness.ApproveAllAsync(run.Id);

        Assert.Contains("A/Original: create VM ovmm-b-vm in pool pool-a (2 CPUs, 8192 MB, 60 GB, HA on)", harness.Ovm.Calls);
        Assert.Contains("B/Replacement: create VM ovmm-a-vm in pool pool-b (2 CPUs, 8192 MB, 60 GB, HA on)", harness.Ovm.Calls);
    }

    [Fact]
    public async Task The_new_manager_discovers_only_after_the_old_one_is_stopped()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        await harness.ApproveAllAsync(run.Id);

        var calls = harness.Ovm.Calls;
        var stop = calls.IndexOf("B/OriginalManager: service ovmm stop");
        var firstDiscovery = calls.FindIndex(c => c.StartsWith("B/Replacement: discover server", StringComparison.Ordinal));
        Assert.InRange(stop, 0, firstDiscovery - 1);
    }

    public static TheoryData<int, StepKind> EverySteps()
    {
        var data = new TheoryData<int, StepKind>();
        for (var phase = 1; phase <= 2; phase++)
        {
            foreach (var step in Enum.GetValues<StepKind>())
            {
                data.Add(phase, step);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EverySteps))]
    public async Task Each_step_runs_through_ready_and_running_to_its_end(int phase, StepKind step)
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();

        run = await harness.ApproveAllAsync(run.Id);

        var record = run.StepAt(phase, step);
        Assert.NotNull(record.StartedAt);
        Assert.NotNull(record.FinishedAt);
        Assert.False(string.IsNullOrWhiteSpace(record.Message));
        var journal = await harness.Engine.AuditAsync(run.Id, CancellationToken.None);
        Assert.Contains(journal, e => e.Action == "step-began" && e.Detail == $"phase {phase} {step}");
    }

    [Fact]
    public async Task Every_change_is_journalled_and_notified_after_saving()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        run = await harness.ApproveAllAsync(run.Id);

        var journal = await harness.Engine.AuditAsync(run.Id, CancellationToken.None);
        Assert.Equal("requested", journal[0].Action);
        Assert.Contains(journal, e => e.Action == "approved" && e.Actor == "bob");
        Assert.Contains(harness.Notifier.Changes, c => c.StartsWith("Completed", StringComparison.Ordinal));
        Assert.Contains("Installation complete", harness.Notifier.Output);
    }

    [Fact]
    public async Task Without_adapters_a_run_waits_before_preflight_and_says_why()
    {
        var harness = new EngineHarness(withAdapters: false);
        var outcome = await harness.Engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None);
        await harness.Engine.AdvanceAsync(outcome.Run!.Id, CancellationToken.None);

        var run = await harness.LoadAsync(outcome.Run.Id);
        Assert.Equal(RunState.Queued, run.State);
        Assert.Contains("no Oracle VM adapter is configured", run.StatusMessage);
        Assert.Empty(harness.Ovm.Calls);
    }
}
