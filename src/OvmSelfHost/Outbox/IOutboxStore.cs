using OvmSelfHost.Chat.Outbox;

namespace OvmSelfHost.Outbox;

/// <summary>The relay's side of the outbox table.</summary>
internal interface IOutboxStore
{
    /// <summary>
    /// For each conversation of <paramref name="channels"/> whose first undelivered row is due at
    /// <paramref name="now"/> (oldest such conversations first, at most <paramref name="conversations"/>):
    /// its undelivered rows in order, at most <paramref name="rowsPerConversation"/>. A conversation
    /// whose first row waits for a retry yields nothing, so nothing overtakes it.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> NextAsync(IReadOnlyCollection<string> channels, DateTimeOffset now, int conversations, int rowsPerConversation, CancellationToken cancellationToken);

    /// <summary>When the earliest conversation of <paramref name="channels"/> comes due; null when nothing waits.</summary>
    Task<DateTimeOffset?> NextAttemptAsync(IReadOnlyCollection<string> channels, CancellationToken cancellationToken);

    Task DeliveredAsync(IReadOnlyCollection<long> ids, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt on each row, keeps the reason, and holds the rows until <paramref name="retryAt"/>.</summary>
    Task FailedAsync(IReadOnlyCollection<long> ids, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);
}
