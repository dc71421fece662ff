using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Replicas;

/// <summary>The lease rows and the fence check of every executor write, on SQLite and PostgreSQL alike.</summary>
public sealed class RunLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static AuditEntry Entry(MigrationRun run, string action) => new(run.Id, run.CreatedAt, "engine", "engine", action, "detail");

    private async Task<(EfMigrationStore Store, MigrationRun Run, Microsoft.EntityFrameworkCore.IDbContextFactory<MigrationDbContext> Db)> NewRunAsync(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(db, null, clock);
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", clock.GetUtcNow());
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        return (store, run, db);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task HeldLease_AnotherReplica_IsRefusedUntilItExpires_ThenGetsALargerToken(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var (one, two) = (TestLeases.For(db, "replica-1", clock, Lease), TestLeases.For(db, "replica-2", clock, Lease));

        var first = await one.TryAcquireAsync(run.Id, CancellationToken.None);
        var refused = await two.TryAcquireAsync(run.Id, CancellationToken.None);
        clock.Advance(Lease + TimeSpan.FromMilliseconds(1));
        var taken = await two.TryAcquireAsync(run.Id, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(refused);
        Assert.NotNull(taken);
        Assert.True(taken.Fence.Token > first.Fence.Token);
        Assert.Equal(("replica-1", false), (taken.PreviousReplica, taken.HandedOver));
        Assert.Empty(await one.RenewAsync([first.Fence], CancellationToken.None));
        Assert.Equal("replica-2", (await one.HoldersAsync(CancellationToken.None))[run.Id]);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RenewedLease_PastItsFirstExpiry_StaysWithItsHolder(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var (one, two) = (TestLeases.For(db, "replica-1", clock, Lease), TestLeases.For(db, "replica-2", clock, Lease));
        var first = (await one.TryAcquireAsync(run.Id, CancellationToken.None))!;

        clock.Advance(TimeSpan.FromSeconds(2));
        var renewed = await one.RenewAsync([first.Fence], CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Contains(run.Id, renewed.Keys);
        Assert.Null(await two.TryAcquireAsync(run.Id, CancellationToken.None));
        Assert.DoesNotContain(run.Id, await two.UnownedRunsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task LeaseHeldByThisStart_Sweep_LeavesTheRunAlone(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var one = TestLeases.For(db, "replica-1", clock, Lease);
        var unheld = await one.UnownedRunsAsync(CancellationToken.None);
        await one.TryAcquireAsync(run.Id, CancellationToken.None);

        var held = await one.UnownedRunsAsync(CancellationToken.None);

        Assert.Contains(run.Id, unheld);
        Assert.DoesNotContain(run.Id, held);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ReleasedLease_AnotherReplica_TakesItAtOnceAsAHandover(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var (one, two) = (TestLeases.For(db, "replica-1", clock, Lease), TestLeases.For(db, "replica-2", clock, Lease));
        var first = (await one.TryAcquireAsync(run.Id, CancellationToken.None))!;

        await one.ReleaseAsync(first.Fence, CancellationToken.None);
        var taken = await two.TryAcquireAsync(run.Id, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.True(taken.HandedOver);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task LeaseOfAnEarlierStart_SameReplicaRestarted_TakesItBackAtOnce(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var before = (await TestLeases.For(db, "replica-1", clock, Lease).TryAcquireAsync(run.Id, CancellationToken.None))!;

        var restarted = TestLeases.For(db, "replica-1", clock, Lease);
        var unowned = await restarted.UnownedRunsAsync(CancellationToken.None);
        var after = await restarted.TryAcquireAsync(run.Id, CancellationToken.None);

        Assert.Contains(run.Id, unowned);
        Assert.NotNull(after);
        Assert.True(after.Fence.Token > before.Fence.Token);
        Assert.NotEqual(before.Fence.Instance, after.Fence.Instance);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task LostLease_EveryExecutorWrite_IsRefusedAndWritesNothing(StorageProvider provider)
    {
        var (store, run, db) = await NewRunAsync(provider);
        var (one, two) = (TestLeases.For(db, "replica-1", clock, Lease), TestLeases.For(db, "replica-2", clock, Lease));
        var old = (await one.TryAcquireAsync(run.Id, CancellationToken.None))!.Fence;
        var copy = (await store.FindAsync(run.Id, CancellationToken.None))!;
        clock.Advance(Lease * 2);
        var current = (await two.TryAcquireAsync(run.Id, CancellationToken.None))!.Fence;

        copy.StatusMessage = "written by a replica that lost the run";
        var intent = new IntentRecord { Phase = 1, Step = "CreateManagerVm", Key = "CreateManagerVm:create", Description = "clone", Status = IntentStatus.Recorded, RecordedAt = clock.GetUtcNow() };
        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveAsync(copy, [Entry(copy, "stale")], RunNotice.Changed("stale"), old, CancellationToken.None));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.SaveIntentAsync(run.Id, intent, old, CancellationToken.None));

        var stored = (await store.FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((0L, (string?)null), (stored.Version, stored.StatusMessage));
        Assert.Empty(stored.Intents);
        Assert.DoesNotContain(await store.GetAuditAsync(run.Id, CancellationToken.None), a => a.Action == "stale");

        stored.StatusMessage = "written by the holder";
        await store.SaveAsync(stored, [], null, current, CancellationToken.None);
        await store.SaveIntentAsync(run.Id, intent, current, CancellationToken.None);
        var now = (await store.FindAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(("written by the holder", "replica-2"), (now.StatusMessage, now.Executor));
        Assert.Single(now.Intents);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ConcurrentGrants_ManyReplicasAtOnce_ExactlyOneHoldsTheLease(StorageProvider provider)
    {
        var (_, run, db) = await NewRunAsync(provider);
        var replicas = Enumerable.Range(1, 6).Select(i => TestLeases.For(db, $"replica-{i}", clock, Lease)).ToList();

        var grants = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.TryAcquireAsync(run.Id, CancellationToken.None))));

        Assert.Single(grants, g => g is not null);
    }
}
