namespace OvmSelfHost.Chat.Deduplication;

/// <summary>The result of claiming a delivery.</summary>
/// <param name="IsFirst">True for the first delivery of the key within its retention: handle it.</param>
/// <param name="FirstAnswer">For a repeat, the answer stored for the first delivery; null while it is being handled, or when the protocol has none.</param>
public sealed record DeliveryClaim(bool IsFirst, string? FirstAnswer)
{
    /// <summary>How long a delivery is remembered: longer than Slack's last retry (about 5 minutes after the first) and its signature tolerance.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public static DeliveryClaim First { get; } = new(true, null);
}
