namespace OvmSelfHost.Chat.Outbox;

/// <summary>A channel did not accept a delivery; <see cref="RetryAfter"/> is when it asked to be called again (HTTP Retry-After).</summary>
public sealed class OutboxDeliveryException(string message, TimeSpan? retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
