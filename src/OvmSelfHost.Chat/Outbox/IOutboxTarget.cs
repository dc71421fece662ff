namespace OvmSelfHost.Chat.Outbox;

/// <summary>
/// Delivers rows of the outbox to one chat channel. Called by the relay only, one conversation at a
/// time, with consecutive rows of that conversation in order. Returns once the channel accepted
/// them all; throws otherwise (an <see cref="OutboxDeliveryException"/> when the channel said when to
/// come back), and the relay tries the same rows again later. Must not show twice what a previous,
/// partly failed, delivery of the same rows already showed. Confirms <c>hold</c> right before each post.
/// </summary>
public interface IOutboxTarget
{
    string Channel { get; }

    Task DeliverAsync(IReadOnlyList<OutboxMessage> messages, OutboxHold hold, CancellationToken cancellationToken);
}
