using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Outbox;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// Adds outbox rows to a unit of work (so they commit with it): one per chat channel enabled at
/// start-up that shows the notice. After the commit, <see cref="Written"/> wakes the relay.
/// </summary>
internal sealed class OutboxWriter(IEnumerable<IOutboxChannel> channels, OutboxSignal signal, TimeProvider time)
{
    private readonly IReadOnlyList<IOutboxChannel> all = channels.ToList();

    /// <returns>True when a row was added.</returns>
    public bool Add(MigrationDbContext db, MigrationRun run, RunNotice? notice)
    {
        if (notice is null)
        {
            return false;
        }

        var added = false;
        foreach (var channel in all.Where(c => c.Shows(notice)))
        {
            Add(db, OutboxMessage.ForRun(channel.Name, run.Id, channel.Line(run, notice)));
            added = true;
        }

        return added;
    }

    public void Add(MigrationDbContext db, OutboxMessage message)
    {
        var now = time.GetUtcNow();
        db.Outbox.Add(new OutboxRow
        {
            Channel = message.Channel,
            Conversation = message.Conversation,
            MigrationId = message.MigrationId,
            Line = message.Line,
            Address = message.Address,
            CreatedAt = now,
            NextAttemptAt = now.UtcDateTime,
        });
    }

    public void Written() => signal.Wake();
}
