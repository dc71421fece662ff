using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Tests.Windows;

public sealed class StepDurationsTests
{
    private static MigrationRun RunWithInstallTaking(TimeSpan duration, int day)
    {
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
        var step = run.StepAt(1, StepKind.InstallManager);
        step.Status = StepStatus.Succeeded;
        step.StartedAt = new DateTimeOffset(2027, 1, day, 22, 0, 0, TimeSpan.Zero);
        step.FinishedAt = step.StartedAt + duration;
        return run;
    }

    [Fact]
    public void A_step_that_never_ran_is_expected_to_take_its_configured_duration()
    {
        var configured = new Dictionary<StepKind, TimeSpan> { [StepKind.InstallManager] = TimeSpan.FromMinutes(70) };

        Assert.Equal(TimeSpan.FromMinutes(70), StepDurations.Expected(StepKind.InstallManager, configured, []));
        Assert.Equal(TimeSpan.FromMinutes(45), StepDurations.Expected(StepKind.InstallManager, new Dictionary<StepKind, TimeSpan>(), []));
    }

    [Fact]
    public void A_step_that_ran_before_is_expected_to_take_the_median_of_its_last_five_runs()
    {
        var history = new[] { 10, 20, 30, 40, 50, 300 }
            .Select((minutes, i) => RunWithInstallTaking(TimeSpan.FromMinutes(minutes), i + 1))
            .ToList();

        // The oldest run (10 min) has dropped out; the median of 20, 30, 40, 50, 300 is 40.
        Assert.Equal(TimeSpan.FromMinutes(40), StepDurations.Expected(StepKind.InstallManager, new Dictionary<StepKind, TimeSpan>(), history));
    }

    [Fact]
    public void A_window_must_hold_the_shortest_step()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), StepDurations.Shortest(new Dictionary<StepKind, TimeSpan>()));
    }
}
