using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

/// <summary>The journal's hash chain, written and checked through the real store on SQLite and PostgreSQL.</summary>
public sealed class JournalChainTests
{
    private static readonly DateTimeOffset Created = new DateTimeOffset(2026, 12, 5, 21, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    private static AuditEntry Entry(MigrationRun run, string action, int minutes) =>
        new(run.Id, run.CreatedAt.AddMinutes(minutes).AddTicks(minutes * 13), "bob", "slack", action, $"{action} of phase 1 (ünïcode, \"quotes\")");

    private static async Task<(EfMigrationStore Store, IDbContextFactory<MigrationDbContext> Factory, MigrationRun Run)> JournalOfFiveAsync(StorageProvider provider)
    {
        var factory = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(factory);
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", Created);
        await store.AddAsync(run, Entry(run, "requested", 0), null, CancellationToken.None);
        await store.SaveAsync(run, [Entry(run, "approved", 1), Entry(run, "step started", 2)], null, RunFence.None, CancellationToken.None);
        await store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);
        await store.SaveAsync(run, [Entry(run, "step succeeded", 3), Entry(run, "approved", 4)], null, RunFence.None, CancellationToken.None);
        return (store, factory, run);
    }

    private static async Task<JournalVerification> VerifyAsync(EfMigrationStore store, Guid id)
    {
        var run = (await store.FindAsync(id, CancellationToken.None))!;
        return JournalChain.Verify(run.Id, run.CreatedAt, await store.GetChainedAuditAsync(id, CancellationToken.None));
    }

    private static async Task<long> NthRowIdAsync(EfMigrationStore store, Guid id, int n) =>
        (await store.GetChainedAuditAsync(id, CancellationToken.None))[n - 1].Id;

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task JournalWrittenByTheStore_Verify_IsIntactFromTheRunsCreation(StorageProvider provider)
    {
        var (store, _, run) = await JournalOfFiveAsync(provider);

        var result = await VerifyAsync(store, run.Id);

        Assert.True(result.Intact, result.Message);
        Assert.Equal((5, 5, 0), (result.Entries, result.Chained, result.Unchained));
        Assert.Equal("Journal intact: 5 entries chained from the run's creation.", result.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowEditedInTheDatabase_Verify_NamesThatEntryAsTheFirstBroken(StorageProvider provider)
    {
        var (store, factory, run) = await JournalOfFiveAsync(provider);
        var edited = await NthRowIdAsync(store, run.Id, 2);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlAsync($"UPDATE ovm_audit SET \"Actor\" = 'mallory' WHERE \"Id\" = {edited}"));
        }

        var result = await VerifyAsync(store, run.Id);

        Assert.False(result.Intact);
        Assert.Equal(edited, result.FirstBrokenEntryId);
        Assert.Equal(2, result.FirstBrokenPosition);
        Assert.Contains($"Journal broken at entry 2 (#{edited}", result.Message);
        Assert.Contains("mallory: approved", result.Message);
        Assert.Contains("changed after it was written", result.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowEditedTogetherWithItsOwnHash_Verify_BreaksAtTheNextEntry(StorageProvider provider)
    {
        var (store, factory, run) = await JournalOfFiveAsync(provider);
        var edited = await NthRowIdAsync(store, run.Id, 3);
        var next = await NthRowIdAsync(store, run.Id, 4);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE ovm_audit SET \"Detail\" = 'nothing happened' WHERE \"Id\" = {edited}");
            var link = await db.AuditLinks.SingleAsync(l => l.AuditId == edited);
            var entry = (await db.Audit.AsNoTracking().SingleAsync(a => a.Id == edited)).ToEntry();
            // A careful forger recomputes the edited row's hash: the next entry still names the old one.
            link.Hash = JournalChain.Hash(entry, link.Sequence, link.PreviousHash);
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync(store, run.Id);

        Assert.Equal(next, result.FirstBrokenEntryId);
        Assert.Contains("does not follow the entry before it", result.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowDeletedFromTheDatabase_Verify_SaysEntriesAreMissing(StorageProvider provider)
    {
        var (store, factory, run) = await JournalOfFiveAsync(provider);
        var deleted = await NthRowIdAsync(store, run.Id, 2);
        var next = await NthRowIdAsync(store, run.Id, 3);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM ovm_audit_links WHERE \"AuditId\" = {deleted}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM ovm_audit WHERE \"Id\" = {deleted}");
        }

        var result = await VerifyAsync(store, run.Id);

        Assert.Equal(next, result.FirstBrokenEntryId);
        Assert.Contains("1 entries before it are missing", result.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowInsertedWithoutTheBot_Verify_SaysItWasAddedOutside(StorageProvider provider)
    {
        var (store, factory, run) = await JournalOfFiveAsync(provider);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Audit.Add(Entry(run, "approved", 9).ToRow());
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync(store, run.Id);

        Assert.Equal(6, result.FirstBrokenPosition);
        Assert.Contains("added outside the bot", result.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task DatabaseOfAnEarlierVersion_Verify_ChainStartsAtTheFirstHashedEntryAndSaysSo(StorageProvider provider)
    {
        var factory = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(factory);
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", Created);
        await store.AddAsync(run, Entry(run, "requested", 0), null, CancellationToken.None);
        await store.SaveAsync(run, [Entry(run, "approved", 1)], null, RunFence.None, CancellationToken.None);
        await using (var db = await factory.CreateDbContextAsync())
        {
            // As written by a version without the chain: the journal table only.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE ovm_audit_links");
            await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
        }

        Assert.False((await VerifyAsync(store, run.Id)).Chained > 0);
        Assert.Contains("written before the journal was chained", (await VerifyAsync(store, run.Id)).Message);
        await store.SaveAsync(run, [Entry(run, "step started", 2), Entry(run, "step succeeded", 3)], null, RunFence.None, CancellationToken.None);

        var result = await VerifyAsync(store, run.Id);

        Assert.True(result.Intact, result.Message);
        Assert.Equal((4, 2, 2), (result.Entries, result.Chained, result.Unchained));
        Assert.StartsWith("Journal intact from entry 3: 2 entries chained; the first 2 were written before", result.Message);
    }
}
