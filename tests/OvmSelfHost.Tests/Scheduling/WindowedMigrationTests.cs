using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Scheduling;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Scheduling;

/// <summary>
/// A migration bound to a window, on a fake clock over a real database. The Quartz timers only wake
/// runs at the edges; here the test wakes them (AdvanceAsync) after moving the clock, which is the
/// same call the timers make.
/// </summary>
public sealed class WindowedMigrationTests
{
    private static readonly QuartzMaintenanceWindows Nightly = QuartzMaintenanceWindows.From(
    [
        new MaintenanceWindowOptions { Name = "nightly", Cron = "0 0 22 * * ?", Duration = TimeSpan.FromHours(2), TimeZone = "UTC", ExcludedDates = ["2027-01-06"] },
    ], TimeSpan.FromMinutes(30));

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 1, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeOvm ovm = new();

    private MigrationEngine Engine(IDbContextFactory<MigrationDbContext> db)
    {
        var settings = new EngineHarness(ovm: ovm).Settings;
        return new MigrationEngine(new EfMigrationStore(db), settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), clock, ovm, Nightly, TestLeases.For(db, "replica-1", clock));
    }

    private void At(int day, int hour, int minute) =>
        clock.SetUtcNow(new DateTimeOffset(2027, 1, day, hour, minute, 0, TimeSpan.Zero));

    private static async Task<MigrationRun> AdvanceAsync(MigrationEngine engine, Guid id)
    {
        await engine.AdvanceAsync(id, CancellationToken.None);
        return (await engine.FindAsync(id, CancellationToken.None))!;
    }

    private static async Task<MigrationRun> ApproveAsync(MigrationEngine engine, Guid id, params string[] users)
    {
        foreach (var user in users)
        {
            var outcome = await engine.DecideAsync(id, user, "test", VoteDecision.Approve, null, CancellationToken.None);
            Assert.True(outcome.Succeeded, outcome.Message);
        }

        return await AdvanceAsync(engine, id);
    }

    [Fact]
    public async Task A_windowed_migration_runs_only_its_preflight_early_then_inside_windows_stopping_and_resuming_safely()
    {
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var engine = Engine(db);
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", "nightly", CancellationToken.None)).Run!.Id;

        // Monday noon: preflight only; everything else waits for the window.
        var run = await AdvanceAsync(engine, id);
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.Preflight).Status);
        Assert.Equal((RunState.Ready, StepKind.PrepareHostingEnvironment), (run.State, run.Step));
        Assert.Contains("Waits for window nightly, which opens at 2027-01-04 22:00", run.StatusMessage);
        Assert.DoesNotContain(ovm.Calls, c => c.Contains("A/Original", StringComparison.Ordinal));

        // 22:00: the window opens; the first gate is proposed inside it and the automatic steps follow.
        At(4, 22, 0);
        run = await AdvanceAsync(engine, id);
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));
        run = await ApproveAsync(engine, id, "bob");
        Assert.Equal((RunState.AwaitingApproval, StepKind.InstallManager), (run.State, run.Step));

        // 23:30: 30 minutes left, the install needs 45: it does not start, and says why.
        At(4, 23, 30);
        run = await ApproveAsync(engine, id, "bob");
        Assert.Equal((RunState.Ready, StepKind.InstallManager), (run.State, run.Step));
        Assert.Contains("needs about 00:45 but window nightly closes at 2027-01-05 00:00", run.StatusMessage);
        Assert.Contains($"Done 6 of {OvmSelfHost.Runbook.Definition.Procedure.Steps.Count * OvmSelfHost.Runbook.Definition.Procedure.PhaseCount} steps", run.StatusMessage);
        Assert.DoesNotContain(ovm.Calls, c => c.Contains("runInstaller", StringComparison.Ordinal));

        // The host restarts; the next window opens: yesterday's approval has expired with its window.
        engine = Engine(db);
        At(5, 22, 0);
        run = await AdvanceAsync(engine, id);
        Assert.Equal((RunState.AwaitingApproval, StepKind.InstallManager), (run.State, run.Step));
        Assert.Empty(run.VotesOnPendingGate);

        run = await ApproveAsync(engine, id, "carol");
        Assert.Equal((RunState.AwaitingApproval, StepKind.StopOldManager), (run.State, run.Step));

        // 23:52: the cutover fits (5 min); rediscovery and verification then finish past the close.
        At(5, 23, 52);
        run = await ApproveAsync(engine, id, "bob", "carol");
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.Rediscover).Status);
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.VerifyInventory).Status);
        Assert.Equal((RunState.AwaitingApproval, StepKind.ConfirmPhase), (run.State, run.Step));
    }

    [Fact]
    public async Task A_gate_proposed_for_a_missed_window_expires_and_is_proposed_again_before_the_next_opening()
    {
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var engine = Engine(db);
        At(4, 22, 0);
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", "nightly", CancellationToken.None)).Run!.Id;
        var run = await AdvanceAsync(engine, id);
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));

        // Nobody decides; the bot is down through the rest of the window and comes back the next day.
        At(5, 12, 0);
        engine = Engine(db);
        run = await AdvanceAsync(engine, id);
        Assert.Equal(RunState.Ready, run.State);
        Assert.Contains("will be proposed at 2027-01-05 21:30", run.StatusMessage);
        Assert.Contains(await engine.AuditAsync(id, CancellationToken.None), e => e.Action == "approvals-expired");

        // The reminder proposes the gate before the opening; an early approval holds until 22:00.
        At(5, 21, 30);
        run = await AdvanceAsync(engine, id);
        Assert.Equal(RunState.AwaitingApproval, run.State);
        run = await ApproveAsync(engine, id, "bob");
        Assert.Equal(RunState.Ready, run.State);
        Assert.DoesNotContain(ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));

        // The 6th is excluded, so a miss now would wait for the 7th; but the 5th opens as planned.
        At(5, 22, 0);
        run = await AdvanceAsync(engine, id);
        Assert.Contains(ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
        Assert.Equal(StepKind.InstallManager, run.Step);
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 22, 0, 0, TimeSpan.Zero), Nightly.Openings("nightly", new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero), 1)[0].OpensAt);
    }

    [Fact]
    public async Task WindowShorterThanAnUnmeasuredEstimate_AtTheOpening_AdmitsTheStepInsteadOfWaitingForever()
    {
        // Issue 11, Why 8: PrepareHostingEnvironment's default estimate (10 min) never fitted a 5-minute window, so it never ran and was never measured.
        var windows = QuartzMaintenanceWindows.From(
        [
            new MaintenanceWindowOptions { Name = "short", Cron = "0 0 22 * * ?", Duration = TimeSpan.FromMinutes(5), TimeZone = "UTC" },
        ], TimeSpan.FromMinutes(30));
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var engine = new MigrationEngine(new EfMigrationStore(db), new EngineHarness(ovm: ovm).Settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), clock, ovm, windows, TestLeases.For(db, "replica-1", clock));
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", "short", CancellationToken.None)).Run!.Id;
        var run = await AdvanceAsync(engine, id);
        Assert.Equal((RunState.Ready, StepKind.PrepareHostingEnvironment), (run.State, run.Step));

        // 22:00: the opening starts; the unmeasured 10-minute step gets the whole window, and the next gate follows.
        At(4, 22, 0);
        run = await AdvanceAsync(engine, id);
        Assert.Equal(StepStatus.Skipped, run.StepAt(1, StepKind.PrepareHostingEnvironment).Status);
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));

        // 22:03: past the opening's start, a step estimated longer than the window waits for the start of the next one, and says so.
        At(4, 22, 3);
        run = await ApproveAsync(engine, id, "bob");
        Assert.Equal((RunState.Ready, StepKind.CreateManagerVm), (run.State, run.Step));
        Assert.Contains("estimated at 00:10 (not measured yet), longer than the whole window short (00:05)", run.StatusMessage);
        Assert.Contains("starts at the start of the next opening", run.StatusMessage);
        Assert.DoesNotContain(ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("weekly", "Unknown window 'weekly'")]
    public async Task Starting_in_an_unknown_window_is_refused_and_schedules_nothing(string window, string expected)
    {
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var engine = Engine(db);

        var outcome = await engine.RequestAsync(["A", "B"], "alice", "test", window, CancellationToken.None);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Contains(expected, outcome.Message);
        Assert.Empty(await engine.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Windows_too_short_or_never_open_are_refused_at_start()
    {
        var windows = QuartzMaintenanceWindows.From(
        [
            new MaintenanceWindowOptions { Name = "blip", Cron = "0 0 22 * * ?", Duration = TimeSpan.FromSeconds(30), TimeZone = "UTC" },
            new MaintenanceWindowOptions { Name = "gone", Cron = "0 0 22 1 1 ? 2020", Duration = TimeSpan.FromHours(2), TimeZone = "UTC" },
            new MaintenanceWindowOptions { Name = "holiday", Cron = "0 0 22 25 12 ? 2027", Duration = TimeSpan.FromHours(2), TimeZone = "UTC", ExcludedDates = ["2027-12-25"] },
        ], TimeSpan.FromMinutes(30));
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var engine = new MigrationEngine(new EfMigrationStore(db), new EngineHarness(ovm: ovm).Settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), clock, ovm, windows, TestLeases.For(db, "replica-1", clock));

        var blip = await engine.RequestAsync(["A", "B"], "alice", "test", "blip", CancellationToken.None);
        var gone = await engine.RequestAsync(["A", "B"], "alice", "test", "gone", CancellationToken.None);
        var holiday = await engine.RequestAsync(["A", "B"], "alice", "test", "holiday", CancellationToken.None);

        Assert.Contains("shorter than the shortest step", blip.Message);
        Assert.Contains("never opens again", gone.Message);
        Assert.Contains("never opens again", holiday.Message);
        Assert.Empty(await engine.ListAsync(CancellationToken.None));
    }
}
