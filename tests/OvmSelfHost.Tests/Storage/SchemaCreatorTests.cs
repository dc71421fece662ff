using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
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
}
