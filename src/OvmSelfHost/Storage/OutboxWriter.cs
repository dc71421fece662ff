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
        var rows = Rows(run, notice);
        db.Outbox.AddRange(rows);
        return rows.Count > 0;
    }

    public void Add(MigrationDbContext db, OutboxMessage message) => db.Outbox.Add(Row(message));

    /// <summary>The rows of <paramref name="notice"/>, one per channel that shows it, for a write that adds them itself.</summary>
    public IReadOnlyList<OutboxRow> Rows(MigrationRun run, RunNotice? notice) =>
        notice is null ? [] : [.. all.Where(c => c.Shows(notice)).Select(c => Row(OutboxMessage.ForRun(c.Name, run.Id, c.Line(run, notice))))];

    private OutboxRow Row(OutboxMessage message)
    {
        var now = time.GetUtcNow();
        return new OutboxRow
        {
            Channel = message.Channel,
            Conversation = message.Conversation,
            MigrationId = message.MigrationId,
            Line = message.Line,
            Address = message.Address,
            CreatedAt = now,
            NextAttemptAt = now.UtcDateTime,
        };
    }

    public void Written() => signal.Wake();
}
