namespace OvmSelfHost.Chat.Messages;

/// <summary>
/// Port: where the channels keep the ids of the messages they edit in place. The host implements it
/// on its database; <see cref="InMemoryChatMessageStore"/> serves tests and hosts without one.
/// Implementations are thread-safe; <see cref="SaveAsync"/> inserts or replaces by (channel, migration, key).
/// </summary>
public interface IChatMessageStore
{
    Task<IReadOnlyList<ChatMessageRef>> ListAsync(string channel, Guid migrationId, CancellationToken cancellationToken);

    Task SaveAsync(ChatMessageRef message, CancellationToken cancellationToken);
}
