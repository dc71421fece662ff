using Microsoft.Extensions.Time.Testing;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers created on it. Advancing fake time before the code
/// under test has started its delay loses that advance (the delay then counts from the new time), so a test
/// waits for the timer to exist before it moves the clock.
/// </summary>
internal sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }
}
