using Microsoft.EntityFrameworkCore;
using Npgsql;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

/// <summary>
/// A store keeps a copy of each run it read or saved, and saves over it in one batch without reading first. Two stores on
/// one database stand for two replicas: each copy goes stale when the other saves, and a save from a stale copy must
/// write nothing at all.
/// </summary>
public sealed class RunCopyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly GateKey Gate = GateKey.Of(StepKind.StopOldManager);

    private static MigrationRun NewRun() => MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", Start);

    private static AuditEntry Entry(MigrationRun run, string action) => new(run.Id, Start, "bob", "test", action, "detail");

    /// <summary>Two stores on one new database, as two replicas, and a run requested through the first.</summary>
    private static async Task<(IDbContextFactory<MigrationDbContext> Contexts, EfMigrationStore First, EfMigrationStore Second, MigrationRun Run)> TwoReplicasAsync(
        StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        var (first, second) = (new EfMigrationStore(contexts), new EfMigrationStore(contexts));
        var run = NewRun();
        await first.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        return (contexts, first, second, run);
    }

    private static Vote Approval(string user) => new(1, Gate, 1, user, "web", VoteDecision.Approve, null, Start);

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task OtherReplicaSavedFirst_SaveFromTheStaleCopy_WritesNothingAndTheJournalStaysChained(StorageProvider provider)
    {
        var (_, one, two, run) = await TwoReplicasAsync(provider);
        var copy = (await one.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        var other = (await two.FindAsync(run.Id, CancellationToken.None))!;
        other.Votes.Add(Approval("carol"));
        other.StepAt(1, StepKind.Preflight).Output.Add("carol's line");
        await two.SaveAsync(other, [Entry(other, "approved by carol")], null, RunFence.None, CancellationToken.None);

        copy.Votes.Add(Approval("bob"));
        copy.StepAt(1, StepKind.Preflight).Output.Add("bob's line");
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() =>
            one.SaveAsync(copy, [Entry(copy, "approved by bob")], null, RunFence.None, CancellationToken.None));

        var stored = (await two.FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal("carol", Assert.Single(stored.Votes).User);
        Assert.Equal(["carol's line"], stored.StepAt(1, StepKind.Preflight).Output);
        Assert.Equal(["requested", "approved by carol"], (await two.GetAuditAsync(run.Id, CancellationToken.None)).Select(e => e.Action));
        Assert.True(JournalChain.Verify(run.Id, run.CreatedAt, await two.GetChainedAuditAsync(run.Id, CancellationToken.None)).Intact);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task SavesFromTheCopy_SeveralInARow_EachSavesOnceAndChainsTheJournal(StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(contexts);
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        foreach (var user in new[] { "bob", "carol", "dave" })
        {
            var (copy, fresh) = await store.FindForChangeAsync(run.Id, CancellationToken.None);
            Assert.False(fresh);
            copy!.Votes.Add(Approval(user));
            await store.SaveAsync(copy, [Entry(copy, $"approved by {user}"), Entry(copy, "status")], null, RunFence.None, CancellationToken.None);
        }

        var stored = (await new EfMigrationStore(contexts).FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(3, stored.Version);
        Assert.Equal(["bob", "carol", "dave"], stored.Votes.Select(v => v.User));
        var journal = await store.GetChainedAuditAsync(run.Id, CancellationToken.None);
        Assert.Equal(7, journal.Count);
        Assert.True(JournalChain.Verify(run.Id, run.CreatedAt, journal).Intact);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task LeaseTakenOver_ExecutorSavesFromItsCopy_LeaseLostAndNothingWritten(StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(contexts);
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Leases.Add(new LeaseRow { Key = EfLeases.RunKey(run.Id), Replica = "r2", Instance = "r2-new", Token = 2, ExpiresAt = Start.UtcDateTime.AddMinutes(1) });
            await db.SaveChangesAsync();
        }

        var copy = (await store.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        copy.State = RunState.Running;
        await Assert.ThrowsAsync<LeaseLostException>(() =>
            store.SaveAsync(copy, [Entry(copy, "step started")], null, new RunFence(run.Id, "r1-old", 1), CancellationToken.None));

        var stored = (await new EfMigrationStore(contexts).FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((0, RunState.Queued), (stored.Version, stored.State));
        Assert.Equal(["requested"], (await store.GetAuditAsync(run.Id, CancellationToken.None)).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task VoteSavedWithItsDelivery_SameDeliveryAgainFromAnotherReplica_NothingSavedAndTheClaimHoldsTheFirstAnswer(StorageProvider provider)
    {
        var (contexts, one, two, run) = await TwoReplicasAsync(provider);
        var (first, again) = ((await one.FindAsync(run.Id, CancellationToken.None))!, (await two.FindAsync(run.Id, CancellationToken.None))!);
        var delivery = new ClaimedDelivery(Chat.Deduplication.DeliveryKey.Of("web-vote", "click-1"), "web", "bob approved");
        first.Votes.Add(Approval("bob"));
        await one.SaveAsync(first, [Entry(first, "approved")], null, RunFence.None, CancellationToken.None, delivery);

        again.StepAt(1, StepKind.Preflight).Output.Add("from the replay");
        await Assert.ThrowsAsync<DeliveryAlreadyClaimedException>(() =>
            two.SaveAsync(again, [Entry(again, "replayed")], null, RunFence.None, CancellationToken.None, delivery with { Answer = "replayed" }));

        var stored = (await two.FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.Empty(stored.StepAt(1, StepKind.Preflight).Output);
        Assert.Equal(["requested", "approved"], (await two.GetAuditAsync(run.Id, CancellationToken.None)).Select(e => e.Action));
        var claims = new EfDeliveryClaims(contexts, TimeProvider.System);
        Assert.Equal(new Chat.Deduplication.DeliveryClaim(false, "bob approved"), await claims.ClaimAsync(delivery.Key, "web", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ExecutorRecordedAnIntentSinceTheCopy_AbortFromTheCopy_IsRefusedSoItIsDecidedOnAFreshRead(StorageProvider provider)
    {
        var (_, receiving, executing, run) = await TwoReplicasAsync(provider);
        var copy = (await receiving.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        var stop = new IntentRecord
        {
            Id = Guid.NewGuid(), Phase = 1, Step = nameof(StepKind.StopOldManager), Key = "stop-manager", Description = "Stop the old manager",
            Status = IntentStatus.Recorded, RecordedAt = Start,
        };
        await executing.SaveIntentAsync(run.Id, stop, RunFence.None, CancellationToken.None);
        Assert.False(copy.IsPastPointOfNoReturn);

        copy.State = RunState.Aborted;
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() =>
            receiving.SaveAsync(copy, [Entry(copy, "aborted")], null, RunFence.None, CancellationToken.None));

        var fresh = (await receiving.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        Assert.True(fresh.IsPastPointOfNoReturn);
        Assert.Equal(RunState.Queued, fresh.State);
        stop.Status = IntentStatus.Issued;
        await executing.SaveIntentAsync(run.Id, stop, RunFence.None, CancellationToken.None);
        var executorCopy = (await executing.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        Assert.Equal(IntentStatus.Issued, Assert.Single(executorCopy.Intents).Status);
        await executing.SaveAsync(executorCopy, [Entry(executorCopy, "step went on")], null, RunFence.None, CancellationToken.None);
    }

    [Fact]
    public async Task StaleCopyMissedTheGateOpening_VoteRefusedOnTheCopy_IsDecidedAgainOnAFreshRead()
    {
        var (_, receiving, executing, run) = await TwoReplicasAsync(StorageProvider.Sqlite);
        var opened = (await executing.FindAsync(run.Id, CancellationToken.None))!;
        (opened.State, opened.PendingGate, opened.GateRound) = (RunState.AwaitingApproval, Gate, 1);
        await executing.SaveAsync(opened, [Entry(opened, "gate opened")], null, RunFence.None, CancellationToken.None);
        var changes = new RunChanges(receiving, new RecordingNotifier(), TimeProvider.System);
        var seen = new List<(RunState, bool)>();

        var counted = await changes.ApplyAsync(run.Id, RunFence.None, (current, journal) =>
        {
            var waiting = current!.State == RunState.AwaitingApproval;
            seen.Add((current.State, waiting));
            if (!waiting)
            {
                return (false, (string?)null);
            }

            current.Votes.Add(Approval("bob"));
            journal.Add(Entry(current, "approved"));
            return (true, "bob approved");
        }, CancellationToken.None);

        Assert.True(counted);
        Assert.Equal([(RunState.Queued, false), (RunState.AwaitingApproval, true)], seen);
        Assert.Equal("bob", Assert.Single((await executing.FindAsync(run.Id, CancellationToken.None))!.Votes).User);
    }

    [Fact]
    public async Task PostgreSql_SaveAnnouncesTheChange_OnlyWhenItCommits()
    {
        var contexts = await Databases.CreateAsync(StorageProvider.PostgreSql);
        await using var db = await contexts.CreateDbContextAsync();
        var announcer = new TestAnnouncer();
        var (one, two) = (new EfMigrationStore(contexts, announcer: announcer), new EfMigrationStore(contexts));
        var run = NewRun();
        await one.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        var stale = (await one.FindForChangeAsync(run.Id, CancellationToken.None)).Run!;
        await using var listener = new NpgsqlConnection(db.Database.GetConnectionString());
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {TestAnnouncer.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var other = (await two.FindAsync(run.Id, CancellationToken.None))!;
        await two.SaveAsync(other, [Entry(other, "elsewhere")], null, RunFence.None, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => one.SaveAsync(stale, [], RunNotice.Changed("from the stale copy"), RunFence.None, CancellationToken.None));
        var fresh = (await one.FindAsync(run.Id, CancellationToken.None))!;
        await one.SaveAsync(fresh, [], RunNotice.Changed("from a fresh read"), RunFence.None, CancellationToken.None);
        for (var wait = 0; heard.Count == 0 && wait < 10; wait++)
        {
            await listener.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal([$"{run.Id} v2 from a fresh read"], heard);
    }

    private sealed class TestAnnouncer : IChangeAnnouncer
    {
        public const string Channel = "ovm_test_announcements";

        public (string Channel, string Payload)? Announcement(MigrationRun run, long version, string what) => (Channel, $"{run.Id} v{version} {what}");
    }
}
