namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// Writes rows that report no state change of their own (a refresh asked for by a click, a reply, a
/// welcome); rows that do are written by the migration store in the change's own transaction.
/// </summary>
public interface IOutbox
{
    Task AddAsync(OutboxMessage message, CancellationToken cancellationToken);
}
