namespace OvmSelfHost.TestIdentityProvider;

/// <summary>
/// The provider's clock: real time, shifted when a test wants a token issued in the past (an expired
/// one) without waiting for one to expire.
/// </summary>
public sealed class ProviderClock : TimeProvider
{
    private long shiftTicks;

    public TimeSpan Shift
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref shiftTicks));
        set => Interlocked.Exchange(ref shiftTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
