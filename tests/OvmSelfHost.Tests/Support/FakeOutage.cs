namespace OvmSelfHost.Tests.Support;

/// <summary>How a fake chat service is down.</summary>
public enum FakeOutageKind
{
    /// <summary>Every call answers HTTP 503.</summary>
    ServiceUnavailable,

    /// <summary>Every call answers HTTP 429 with Retry-After.</summary>
    RateLimited,

    /// <summary>Nothing listens on the port: connections are refused.</summary>
    Refused,
}

/// <summary>A fake chat service's fault switch: down from <see cref="StartedAt"/> until <see cref="EndedAt"/>.</summary>
public sealed class FakeOutage
{
    private readonly object gate = new();
    private DateTimeOffset? started;
    private DateTimeOffset? ended;

    public FakeOutageKind Kind { get; private set; }

    public DateTimeOffset? StartedAt { get { lock (gate) { return started; } } }

    public DateTimeOffset? EndedAt { get { lock (gate) { return ended; } } }

    /// <summary>The HTTP status calls get while down (not used when refused).</summary>
    public int Status => Kind == FakeOutageKind.RateLimited ? 429 : 503;

    public bool Failing
    {
        get
        {
            lock (gate)
            {
                return started is not null && ended is null;
            }
        }
    }

    public void Begin(FakeOutageKind kind)
    {
        lock (gate)
        {
            Kind = kind;
            started = DateTimeOffset.UtcNow;
            ended = null;
        }
    }

    public void End()
    {
        lock (gate)
        {
            ended = DateTimeOffset.UtcNow;
        }
    }
}
