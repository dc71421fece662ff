namespace OvmSelfHost.Outbox;

/// <summary>How the relay retries (section "Outbox"): exponential backoff from <see cref="FirstRetry"/> to <see cref="MaxRetry"/>, or the peer's Retry-After.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the relay looks for rows without being woken: retries that came due, rows written by another process.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked;
        }

        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(FirstRetry.Ticks * factor, MaxRetry.Ticks));
        return wait;
    }
}
