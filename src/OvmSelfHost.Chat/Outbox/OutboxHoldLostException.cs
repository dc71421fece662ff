namespace OvmSelfHost.Chat.Outbox;

/// <summary>The relay's hold on a conversation passed to another replica mid-delivery: this delivery stops and posts nothing more.</summary>
public sealed class OutboxHoldLostException()
    : Exception("Another replica relays this conversation now; this delivery stopped before posting again.");
