using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Steps;

/// <summary>
/// Why 6 of issue 11: on a pair already migrated, preflight said "check that the manager is
/// running" (two managers on one UUID) and offered a rollback that cannot happen.
/// </summary>
public sealed class FinishedPairTests
{
    private static async Task<EngineHarness> MigratedAsync()
    {
        var harness = new EngineHarness();
        var first = await harness.StartAsync();
        Assert.Equal(RunState.Completed, (await harness.ApproveAllAsync(first.Id)).State);
        return harness;
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData("B", "A")]
    public async Task AFinishedPair_StartedAgain_PreflightRefusesWithTheTruth(string first, string second)
    {
        var harness = await MigratedAsync();
        var calls = harness.Ovm.Calls.Count;

        var outcome = await harness.Engine.RequestAsync([first, second], "alice", "test", null, CancellationToken.None);
        await harness.Engine.AdvanceAsync(outcome.Run!.Id, CancellationToken.None);
        var run = await harness.LoadAsync(outcome.Run.Id);

        Assert.Equal((RunState.Failed, 1, StepKind.Preflight), (run.State, run.Phase, run.Step));
        var message = run.StatusMessage!;
        Assert.Contains($"The pair {first} and {second} is already migrated", message);
        Assert.Contains("A's manager (UUID 0004fb0000010000aaaaaaaaaaaaaaaa) runs as VM ovmm-a-vm in B", message);
        Assert.Contains("B's manager (UUID 0004fb0000010000bbbbbbbbbbbbbbbb) runs as VM ovmm-b-vm in A", message);
        Assert.Contains("Do not start the original managers", message);
        Assert.DoesNotContain("()", message);
        Assert.DoesNotContain("Check that the manager is running", message);
        Assert.DoesNotContain("roll back", message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("Possible now: retry, abort.", message);
        Assert.Equal(calls, harness.Ovm.Calls.Count);
    }

    [Fact]
    public async Task HalfAPairMigrated_StartedAgain_PreflightNamesTheMovedManagerAndWarnsAgainstStartingIt()
    {
        var harness = new EngineHarness();
        var a = harness.Ovm.Environments["A"];
        var b = harness.Ovm.Environments["B"];
        // A's manager lives as a VM in B; B's original still runs.
        a.OriginalRunning = false;
        a.ReplacementUuid = a.OriginalUuid;
        a.ReplacementRunning = true;
        b.Vms.Add(new Ports.VmFacts("vm-ovmm-a-vm", "ovmm-a-vm", "pool-b", "srv-b1", "RUNNING", true, "repo-b"));

        var run = await harness.StartAsync();

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("A's manager was already migrated: A's manager (UUID 0004fb0000010000aaaaaaaaaaaaaaaa) runs as VM ovmm-a-vm in B", run.StatusMessage);
        Assert.Contains("Do not start A's original manager: its UUID is live in B", run.StatusMessage);
    }

    [Fact]
    public async Task AManagerSimplyDown_NoReplacementLive_PreflightSaysWhatItReadAndNothingAboutAMigration()
    {
        var harness = new EngineHarness();
        harness.Ovm.Environments["B"].OriginalRunning = false;

        var run = await harness.StartAsync();

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("Both managers must be RUNNING, and the pair is not migrated already", run.StatusMessage);
        Assert.DoesNotContain("already migrated:", run.StatusMessage);
    }
}
