using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Chat.Messages;

namespace OvmSelfHost.Storage;

/// <summary>
/// The chat channels' message ids on the host's database, so a restart keeps editing the same
/// messages. A database created before this table existed gets it on first use.
/// </summary>
internal sealed class EfChatMessageStore(IDbContextFactory<MigrationDbContext> contexts) : IChatMessageStore
{
    private readonly SemaphoreSlim ensure = new(1);
    private bool ready;

    public async Task<IReadOnlyList<ChatMessageRef>> ListAsync(string channel, Guid migrationId, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.Channel == channel && m.MigrationId == migrationId).ToListAsync(cancellationToken);
        return rows.Select(r => new ChatMessageRef(r.Channel, r.MigrationId, r.Key, r.Conversation, r.MessageId, r.Closed)).ToList();
    }

    public async Task SaveAsync(ChatMessageRef message, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        var row = await db.ChatMessages.FindAsync([message.Channel, message.MigrationId, message.Key], cancellationToken);
        if (row is null)
        {
            row = new ChatMessageRow { Channel = message.Channel, MigrationId = message.MigrationId, Key = message.Key };
            db.ChatMessages.Add(row);
        }

        row.Conversation = message.Conversation;
        row.MessageId = message.MessageId;
        row.Closed = message.Closed;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<MigrationDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!ready)
        {
            await ensure.WaitAsync(cancellationToken);
            try
            {
                if (!ready)
                {
                    await CreateTableIfMissingAsync(db, cancellationToken);
                    ready = true;
                }
            }
            finally
            {
                ensure.Release();
            }
        }

        return db;
    }

    private static async Task CreateTableIfMissingAsync(MigrationDbContext db, CancellationToken cancellationToken)
    {
        var statements = db.Database.GenerateCreateScript().Replace("\r\n", "\n", StringComparison.Ordinal).Split(";\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var statement in statements.Where(s => s.Contains($"CREATE TABLE \"{MigrationDbContext.ChatMessagesTable}\"", StringComparison.Ordinal)))
        {
            await db.Database.ExecuteSqlRawAsync(statement.Trim().Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal), cancellationToken);
        }
    }
}
