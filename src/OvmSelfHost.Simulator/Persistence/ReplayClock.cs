namespace OvmSelfHost.Simulator.Persistence;

/// <summary>
/// The world's clock: the host's time, except while a saved world is replayed, when it reads the
/// instant each change was first made at, so ids, start times and due times come out the same.
/// </summary>
internal sealed class ReplayClock(TimeProvider inner) : TimeProvider
{
    public DateTimeOffset? Pinned { get; set; }

    public override DateTimeOffset GetUtcNow() => Pinned ?? inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
