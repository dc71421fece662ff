namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// The rows of a conversation written after the ones a delivery was given. A target that shows a
/// migration's stored state reads the run after the relay read its rows, so the run may already be
/// past them; the target reads these to show every line written up to the state it shows (a gate's
/// card never before the line that announces it).
/// </summary>
public interface IOutboxBacklog
{
    /// <summary>The undelivered rows of <paramref name="conversation"/> of <paramref name="channel"/> after row <paramref name="afterId"/>, in order.</summary>
    Task<IReadOnlyList<OutboxMessage>> AfterAsync(string channel, string conversation, long afterId, CancellationToken cancellationToken);
}
