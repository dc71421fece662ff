using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Outbox;

namespace OvmSelfHost.Storage;

/// <summary>
/// The outbox table on EF Core (SQLite or PostgreSQL): rows that report no state change of their own
/// are added here; rows that do are added by <see cref="EfMigrationStore"/> in the change's transaction.
/// </summary>
internal sealed class EfOutboxStore(IDbContextFactory<MigrationDbContext> contexts, OutboxWriter writer) : IOutboxStore, IOutbox, IOutboxBacklog
{
    public async Task AddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        writer.Add(db, message);
        await db.SaveChangesAsync(cancellationToken);
        writer.Written();
    }

    public async Task<IReadOnlyList<OutboxMessage>> NextAsync(
        IReadOnlyCollection<string> channels, DateTimeOffset now, int conversations, int rowsPerConversation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = now.UtcDateTime;
        var heads = await db.Outbox.AsNoTracking()
            .Where(r => Heads(db, channels).Contains(r.Id) && r.NextAttemptAt <= due)
            .OrderBy(r => r.Id).Take(conversations).ToListAsync(cancellationToken);
        var rows = new List<OutboxMessage>();
        foreach (var head in heads)
        {
            var pending = await Undelivered(db, head.Channel, head.Conversation).Take(rowsPerConversation).ToListAsync(cancellationToken);
            rows.AddRange(pending.Select(Message));
        }

        return rows;
    }

    public async Task<IReadOnlyList<OutboxMessage>> AfterAsync(string channel, string conversation, long afterId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Undelivered(db, channel, conversation).Where(r => r.Id > afterId).ToListAsync(cancellationToken);
        return rows.Select(Message).ToList();
    }

    public async Task<DateTimeOffset?> NextAttemptAsync(IReadOnlyCollection<string> channels, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var next = await db.Outbox.Where(r => Heads(db, channels).Contains(r.Id)).MinAsync(r => (DateTime?)r.NextAttemptAt, cancellationToken);
        return next is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task DeliveredAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeliveredAt, at), cancellationToken);
    }

    public async Task FailedAsync(IReadOnlyCollection<long> ids, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reason = error.Length > 500 ? error[..500] : error;
        var next = retryAt.UtcDateTime;
        await db.Outbox.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.LastError, reason).SetProperty(r => r.NextAttemptAt, next),
            cancellationToken);
    }

    /// <summary>A conversation's undelivered rows, in order.</summary>
    private static IQueryable<OutboxRow> Undelivered(MigrationDbContext db, string channel, string conversation) =>
        db.Outbox.AsNoTracking().Where(r => r.Channel == channel && r.Conversation == conversation && r.DeliveredAt == null).OrderBy(r => r.Id);

    private static OutboxMessage Message(OutboxRow r) => new(r.Id, r.Channel, r.Conversation, r.MigrationId, r.Line, r.Address, r.Attempts);

    /// <summary>The first undelivered row of each conversation: only it decides when the conversation is due.</summary>
    private static IQueryable<long> Heads(MigrationDbContext db, IReadOnlyCollection<string> channels) =>
        db.Outbox.Where(r => r.DeliveredAt == null && channels.Contains(r.Channel))
            .GroupBy(r => new { r.Channel, r.Conversation })
            .Select(g => g.Min(r => r.Id));
}
