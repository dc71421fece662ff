using System.Collections.Concurrent;

namespace OvmSelfHost.Chat.Deduplication;

/// <summary>
/// Recognises a delivery or a click seen before (an Events API retry with the same event id, a
/// second click of the same button by the same person), so it changes nothing twice. Keys are
/// remembered for <see cref="Retention"/>; the set lives in this process (one replica).
/// Thread-safe.
/// </summary>
public sealed class DeliveryDeduplicator(TimeProvider time)
{
    /// <summary>How long a key is remembered: longer than Slack's last retry (about 5 minutes after the first).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>
    /// How often expired keys are swept out. A sweep walks every key, so it runs on a clock, not every N claims:
    /// with many keys remembered, a count-based sweep made each claim O(n) on the acknowledgement path (bench/README.md).
    /// </summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private long nextSweepTicks;

    /// <summary>True the first time <paramref name="key"/> is seen within <see cref="Retention"/>; false for a repeat.</summary>
    public bool TryClaim(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = time.GetUtcNow();
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks >= due && Interlocked.CompareExchange(ref nextSweepTicks, (now + SweepInterval).UtcTicks, due) == due)
        {
            Sweep(now);
        }

        var claimed = false;
        seen.AddOrUpdate(key, _ => { claimed = true; return now; }, (_, at) =>
        {
            claimed = now - at >= Retention;
            return claimed ? now : at;
        });
        return claimed;
    }

    /// <summary>Forgets a key whose handling failed before it changed anything, so that a retry is handled.</summary>
    public void Release(string key) => seen.TryRemove(key, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, at) in seen)
        {
            if (now - at >= Retention)
            {
                seen.TryRemove(key, out _);
            }
        }
    }
}
