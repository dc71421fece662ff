using OvmSelfHost.Runbook.Leases;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.Outbox;
using OvmSelfHost.Chat.Teams.Outbox;
using OvmSelfHost.Configuration;
using OvmSelfHost.Outbox;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

/// <summary>The outbox table on SQLite and PostgreSQL: order per conversation, claim-next, delivered, backoff, and rows in the change's transaction.</summary>
public sealed class EfOutboxStoreTests
{
    private static readonly string[] Both = ["slack", "teams"];
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowsOfSeveralConversations_Next_EachConversationsRowsInWritingOrder(StorageProvider provider)
    {
        var (store, _) = await CreateAsync(provider);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a1"), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("teams", a, null), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("slack", b, "b1"), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a2"), CancellationToken.None);

        var next = await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None);

        Assert.Equal(["a1", "a2"], next.Where(r => r.Channel == "slack" && r.MigrationId == a).Select(r => r.Line));
        Assert.Single(next, r => r.Channel == "teams" && r.MigrationId == a && r.Line is null);
        Assert.Single(next, r => r.MigrationId == b);
        Assert.All(next.GroupBy(r => (r.Channel, r.Conversation)), c => Assert.Equal(c.Select(r => r.Id).Order(), c.Select(r => r.Id)));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task FailedFirstRow_Next_HoldsItsConversationUntilTheRetryTime_OthersStillCome(StorageProvider provider)
    {
        var (store, _) = await CreateAsync(provider);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a1"), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("slack", b, "b1"), CancellationToken.None);
        var head = (await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None)).Single(r => r.MigrationId == a);
        await store.FailedAsync([head.Id], "Slack chat.postMessage failed: http_503.", time.GetUtcNow().AddSeconds(10), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a2"), CancellationToken.None); // due now, but behind a held row

        var held = await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None);
        await store.DeliveredAsync(held.Select(r => r.Id).ToList(), time.GetUtcNow(), CancellationToken.None);
        var nextAttempt = await store.NextAttemptAsync(Both, CancellationToken.None);
        var early = await store.NextAsync(Both, time.GetUtcNow().AddSeconds(9), 10, 10, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var retried = await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None);

        Assert.Equal(["b1"], held.Select(r => r.Line));
        Assert.Empty(early);
        Assert.Equal(time.GetUtcNow(), nextAttempt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a1", "a2"], retried.Select(r => r.Line));
        Assert.Equal(1, retried[0].Attempts);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task DeliveredRows_Next_NeverComeAgain(StorageProvider provider)
    {
        var (store, _) = await CreateAsync(provider);
        var a = Guid.NewGuid();
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a1"), CancellationToken.None);
        await store.AddAsync(OutboxMessage.ForRun("slack", a, "a2"), CancellationToken.None);
        var first = await store.NextAsync(Both, time.GetUtcNow(), 10, 1, CancellationToken.None);
        await store.DeliveredAsync(first.Select(r => r.Id).ToList(), time.GetUtcNow(), CancellationToken.None);

        var second = await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None);
        await store.DeliveredAsync(second.Select(r => r.Id).ToList(), time.GetUtcNow(), CancellationToken.None);

        Assert.Equal("a1", Assert.Single(first).Line);
        Assert.Equal("a2", Assert.Single(second).Line);
        Assert.Empty(await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None));
        Assert.Null(await store.NextAttemptAsync(Both, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task RowsOfAChannelNotRelayed_Next_AreLeftAlone(StorageProvider provider)
    {
        var (store, _) = await CreateAsync(provider);
        await store.AddAsync(OutboxMessage.ForRun("slack", Guid.NewGuid(), "a1"), CancellationToken.None);

        Assert.Empty(await store.NextAsync(["teams"], time.GetUtcNow(), 10, 10, CancellationToken.None));
        Assert.Null(await store.NextAttemptAsync(["teams"], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task StateSaveWithANotice_Save_WritesARowPerChannelWithIt_AndAConflictingSaveWritesNone(StorageProvider provider)
    {
        var (store, contexts) = await CreateAsync(provider);
        var runs = new EfMigrationStore(contexts, Writer());
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", time.GetUtcNow());
        await runs.AddAsync(run, Entry(run, "requested"), RunNotice.Changed("requested"), CancellationToken.None);
        var stale = (await runs.FindAsync(run.Id, CancellationToken.None))!;
        run.StatusMessage = "Phase 1 Preflight failed: no route.";
        await runs.SaveAsync(run, [Entry(run, "failed")], RunNotice.Changed(run.StatusMessage), RunFence.None, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => runs.SaveAsync(stale, [], RunNotice.Changed("a lost change"), RunFence.None, CancellationToken.None));
        var rows = await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None);

        Assert.Equal([null, "Phase 1 Preflight failed: no route."], rows.Where(r => r.Channel == "slack").Select(r => r.Line));
        Assert.Equal(2, rows.Count(r => r.Channel == "teams"));
        Assert.DoesNotContain(rows, r => r.Line == "a lost change");
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task StepOutput_Notify_WrittenAtOnceForTheChannelsThatShowIt(StorageProvider provider)
    {
        var (store, contexts) = await CreateAsync(provider);
        var runs = new EfMigrationStore(contexts, Writer());
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "test", time.GetUtcNow());
        await runs.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);

        await runs.NotifyAsync(run, RunNotice.Output("Installing ovmcore ... done"), RunFence.None, CancellationToken.None);

        var row = Assert.Single(await store.NextAsync(Both, time.GetUtcNow(), 10, 10, CancellationToken.None));
        Assert.Equal("slack", row.Channel);
        Assert.Equal("> `Installing ovmcore ... done`", row.Line);
    }

    private OutboxWriter Writer() => new([new SlackOutboxChannel(), new TeamsOutboxChannel()], new OutboxSignal(time), time);

    private async Task<(EfOutboxStore Store, Microsoft.EntityFrameworkCore.IDbContextFactory<MigrationDbContext> Contexts)> CreateAsync(StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        return (new EfOutboxStore(contexts, Writer()), contexts);
    }

    private static AuditEntry Entry(MigrationRun run, string action) => new(run.Id, run.CreatedAt, "alice", "test", action, "detail");
}
