using OvmSelfHost.Runbook.Definition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Scheduling;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;
using Quartz;

namespace OvmSelfHost.Tests.Approvals;

/// <summary>
/// Gate time policy through the real host: the reminders and the deadline are Quartz triggers on the
/// persistent store, and Quartz runs on the host's one TimeProvider, here a fake clock the test moves.
/// Nothing calls the runbook's timer entry but Quartz (except where a duplicate firing is the point).
/// </summary>
public sealed class GateTimePolicyTests
{
    private const string Gate = "CreateManagerVm";
    private static readonly GateKey GateKeyOfGate = GateKey.Of(StepKind.CreateManagerVm);
    private static readonly DateTimeOffset Monday = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static HostFactory Host(FakeTimeProvider clock, string then) => new(new FakeOvm(), settings: new Dictionary<string, string>
    {
        [$"Runbook:GateTime:{Gate}:WaitFor"] = "01:00:00",
        [$"Runbook:GateTime:{Gate}:Then"] = then,
        [$"Runbook:GateTime:{Gate}:RemindBefore:0"] = "00:15:00",
        [$"Runbook:GateTime:{Gate}:Escalate:0"] = "dave",
        // Slack on, so the notices land in the outbox (nothing listens there: the rows stay, undelivered, for the test to read).
        ["Slack:SigningSecret"] = Slack.SlackRequest.SigningSecret,
        ["Slack:BotToken"] = Slack.FakeSlackApi.Token,
        ["Slack:Channel"] = "C0OVM0001",
        ["Slack:ApiBaseUrl"] = "http://127.0.0.1:16399/api/",
    }, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

    private static async Task<MigrationRun> WaitForAsync(MigrationEngine engine, Guid id, Func<MigrationRun, IReadOnlyList<AuditEntry>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var run = (await engine.FindAsync(id, CancellationToken.None))!;
            if (done(run, await engine.AuditAsync(id, CancellationToken.None)))
            {
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"migration {id} did not get there: {(await engine.FindAsync(id, CancellationToken.None))?.StatusMessage}");
    }

    private static async Task<(MigrationEngine Engine, Guid Id, GateOpening Opening)> AtGateAsync(HostFactory host)
    {
        var engine = host.Services.GetRequiredService<MigrationEngine>();
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None)).Run!.Id;
        var run = await WaitForAsync(engine, id, (r, _) => r.State == RunState.AwaitingApproval && r.PendingGate == GateKeyOfGate);
        return (engine, id, GateOpening.WaitingIn(run)!);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static async Task<IScheduler> SchedulerAsync(HostFactory host) =>
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);

    private static async Task<List<string>> SlackLinesAsync(HostFactory host, Guid id)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<MigrationDbContext>>().CreateDbContextAsync();
        return await db.Outbox.Where(o => o.MigrationId == id && o.Channel == "slack" && o.Line != null).OrderBy(o => o.Id).Select(o => o.Line!).ToListAsync();
    }

    private static async Task<MigrationRun> RemindedAsync(HostFactory host, FakeTimeProvider clock, MigrationEngine engine, Guid id)
    {
        clock.Advance(TimeSpan.FromMinutes(44));
        await Task.Delay(300);
        Assert.DoesNotContain(await engine.AuditAsync(id, CancellationToken.None), e => e.Action == "gate-reminder");
        clock.Advance(TimeSpan.FromMinutes(1));
        var run = await WaitForAsync(engine, id, (_, journal) => journal.Any(e => e.Action == "gate-reminder"));
        var reminder = Assert.Single(await engine.AuditAsync(id, CancellationToken.None), e => e.Action == "gate-reminder");
        Assert.Contains($"Reminder: {Gate} of phase 1", reminder.Detail);
        Assert.Contains("from bob, carol", reminder.Detail);
        Assert.Contains("Escalation: dave.", reminder.Detail);
        Assert.Contains("2027-02-01 10:00Z", reminder.Detail);
        // Posted to the channel through the outbox, in the save that recorded it.
        Assert.Contains(await SlackLinesAsync(host, id), l => l.Contains($"Reminder: {Gate} of phase 1", StringComparison.Ordinal) && l.Contains("Escalation: dave.", StringComparison.Ordinal));
        return run;
    }

    [Fact]
    public async Task StaysOpenPolicy_ReminderThenDeadlineOnFakeClock_RemindsThenKeepsTheSameOpeningOverdue()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var host = Host(clock, "StaysOpen");
        var (engine, id, opening) = await AtGateAsync(host);

        await RemindedAsync(host, clock, engine, id);
        clock.Advance(TimeSpan.FromMinutes(15));
        var run = await WaitForAsync(engine, id, (_, journal) => journal.Any(e => e.Action == "gate-timeout"));

        Assert.Equal(opening, GateOpening.WaitingIn(run));
        var timeout = Assert.Single(await engine.AuditAsync(id, CancellationToken.None), e => e.Action == "gate-timeout");
        Assert.Contains($"Runbook:GateTime:{Gate} (wait 01:00:00, then StaysOpen) applies: it stays open, overdue", timeout.Detail);
        Assert.Contains("Escalation: dave.", timeout.Detail);
        Assert.Contains(await SlackLinesAsync(host, id), l => l.Contains("it stays open, overdue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpiresPolicy_DeadlineOnFakeClock_ExpiresTheOpeningAndProposesANewRoundWhichTheOldDeadlineLeavesAlone()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var host = Host(clock, "Expires");
        var (engine, id, opening) = await AtGateAsync(host);

        await RemindedAsync(host, clock, engine, id);
        clock.Advance(TimeSpan.FromMinutes(15));
        var run = await WaitForAsync(engine, id, (r, _) => r.State == RunState.AwaitingApproval && r.GateRound > opening.Round);

        Assert.Equal(GateKeyOfGate, run.PendingGate);
        Assert.Contains(await engine.AuditAsync(id, CancellationToken.None),
            e => e.Action == "gate-timeout" && e.Detail.Contains("then Expires) applies: its 0 vote(s) expired and it is proposed again", StringComparison.Ordinal));
        // The new round has a clock of its own, an hour from now.
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(1), GateClocks.Find(run, GateOpening.WaitingIn(run)!)!.Deadline);

        // The old opening's deadline fired again (another replica, a restart): nothing changes.
        var before = (await engine.AuditAsync(id, CancellationToken.None)).Count;
        var again = await engine.Commands.GateTimeAsync(id, opening, null, CancellationToken.None);
        Assert.Equal(OutcomeKind.Conflict, again.Kind);
        var after = (await engine.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((run.GateRound, run.State, run.Version), (after.GateRound, after.State, after.Version));
        Assert.Equal(before, (await engine.AuditAsync(id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task RejectsPolicy_DeadlineOnFakeClock_RejectsByPolicyAndSaysSo()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var host = Host(clock, "Rejects");
        var (engine, id, _) = await AtGateAsync(host);

        clock.Advance(TimeSpan.FromMinutes(60));
        var run = await WaitForAsync(engine, id, (r, _) => r.State == RunState.Rejected);

        Assert.Contains("rejected by the policy, not by a person (nothing failed)", run.StatusMessage);
        Assert.Contains(await engine.AuditAsync(id, CancellationToken.None),
            e => e.Action == "gate-timeout" && e.Detail.Contains($"Runbook:GateTime:{Gate} (wait 01:00:00, then Rejects) applies", StringComparison.Ordinal));
        Assert.Empty(run.Votes);
    }

    [Fact]
    public async Task GateDecidedBeforeItsDeadline_DeadlineFiresThroughQuartz_ChangesNothing()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var host = Host(clock, "Rejects");
        var (engine, id, opening) = await AtGateAsync(host);
        var deadline = new TriggerKey($"{id:N}-{opening.Phase}-{opening.Gate}-{opening.Round}-deadline", GateTimers.Group);
        // The triggers are put on Quartz right after the save that opened the gate, which the test may see first.
        Assert.True(await EventuallyAsync(async () => await (await SchedulerAsync(host)).Exists(deadline, CancellationToken.None)), "the deadline trigger was never scheduled");

        var vote = await engine.DecideAsync(id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None, opening);
        Assert.True(vote.Succeeded, vote.Message);
        var decided = await WaitForAsync(engine, id, (r, _) => r.Step != Runbook.Definition.StepKind.CreateManagerVm && r.State == RunState.AwaitingApproval);
        clock.Advance(TimeSpan.FromMinutes(61));
        var scheduler = await SchedulerAsync(host);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await scheduler.Exists(deadline, CancellationToken.None) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        Assert.False(await scheduler.Exists(deadline, CancellationToken.None), "the deadline trigger never fired");
        await Task.Delay(300);
        var run = (await engine.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((decided.State, decided.Step, decided.GateRound), (run.State, run.Step, run.GateRound));
        Assert.DoesNotContain(await engine.AuditAsync(id, CancellationToken.None), e => e.Action is "gate-timeout" or "gate-reminder");
    }
}
