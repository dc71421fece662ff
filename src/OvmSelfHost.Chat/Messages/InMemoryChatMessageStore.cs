using System.Collections.Concurrent;

namespace OvmSelfHost.Chat.Messages;

/// <summary>Message ids kept in memory: lost on restart (the run message is then posted anew).</summary>
public sealed class InMemoryChatMessageStore : IChatMessageStore
{
    private readonly ConcurrentDictionary<(string, Guid, string), ChatMessageRef> messages = new();

    public Task<IReadOnlyList<ChatMessageRef>> ListAsync(string channel, Guid migrationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChatMessageRef>>(messages.Values.Where(m => m.Channel == channel && m.MigrationId == migrationId).ToList());

    public Task SaveAsync(ChatMessageRef message, CancellationToken cancellationToken)
    {
        messages[(message.Channel, message.MigrationId, message.Key)] = message;
        return Task.CompletedTask;
    }
}
