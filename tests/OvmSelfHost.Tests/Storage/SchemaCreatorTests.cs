using OvmSelfHost.Runbook.Definition;
using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

public sealed class SchemaCreatorTests
{
    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task DatabaseOfAnEarlierVersion_Initialize_CreatesOnlyTheMissingTablesAndKeepsTheRuns(StorageProvider provider)
    {
        var factory = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(factory);
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
        await store.AddAsync(run, new AuditEntry(run.Id, run.CreatedAt, "alice", "test", "requested", "detail"), null, CancellationToken.None);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE {MigrationDbContext.ChatMessagesTable}");
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
            await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
            Assert.Equal(0, await db.ChatMessages.CountAsync());
        }

        Assert.NotNull(await store.FindAsync(run.Id, CancellationToken.None));
        Assert.Single(await store.GetAuditAsync(run.Id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task VotesTableWithoutApprovedHash_Initialize_AddsTheColumnKeepsTheVotesAndStoresNewHashes(StorageProvider provider)
    {
        var factory = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(factory);
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", DateTimeOffset.UnixEpoch);
        await store.AddAsync(run, new AuditEntry(run.Id, run.CreatedAt, "alice", "test", "requested", "detail"), null, CancellationToken.None);
        run = (await store.FindAsync(run.Id, CancellationToken.None))!;
        run.Votes.Add(new Vote(1, GateKey.Of(StepKind.CreateManagerVm), 1, "bob", "test", VoteDecision.Approve, null, DateTimeOffset.UnixEpoch));
        await store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);
        await using (var db = await factory.CreateDbContextAsync())
        {
            // As written by a version whose votes had no hash column.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE ovm_votes DROP COLUMN \"ApprovedHash\"");
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
            await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
        }

        run = (await store.FindAsync(run.Id, CancellationToken.None))!;
        run.Votes.Add(new Vote(1, GateKey.Of(StepKind.CreateManagerVm), 1, "carol", "test", VoteDecision.Approve, null, DateTimeOffset.UnixEpoch, ApprovedHash: new string('a', 64)));
        await store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);
        var votes = (await store.FindAsync(run.Id, CancellationToken.None))!.Votes;
        Assert.Equal([("bob", null), ("carol", new string('a', 64))], votes.Select(v => (v.User, v.ApprovedHash)));
    }
}
