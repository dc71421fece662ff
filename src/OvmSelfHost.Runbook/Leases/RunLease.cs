namespace OvmSelfHost.Runbook.Leases;

/// <summary>
/// A lease this replica holds, as the advancer keeps it: its fence, until when it is surely valid (by
/// this process's clock), and a token cancelled the moment it is known lost, which stops the step.
/// </summary>
public sealed class RunLease(RunFence fence, DateTimeOffset validUntil) : IDisposable
{
    /// <summary>Side effects are not started this close to the expiry: a renewal may be late.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource lost = new();
    private long validUntilTicks = validUntil.UtcTicks;

    public RunFence Fence => fence;

    public CancellationToken Lost => lost.Token;

    public bool IsLost => lost.IsCancellationRequested;

    public DateTimeOffset ValidUntil => new(Interlocked.Read(ref validUntilTicks), TimeSpan.Zero);

    public void Renewed(DateTimeOffset until) => Interlocked.Exchange(ref validUntilTicks, until.UtcTicks);

    public void MarkLost()
    {
        try
        {
            lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already let go of.
        }
    }

    /// <summary>Before a side effect: refuses when the lease is lost or about to expire without a renewal.</summary>
    public void ThrowIfNotSafe(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (IsLost)
        {
            throw new LeaseLostException(fence.MigrationId, "another replica took it over");
        }

        if (ValidUntil != DateTimeOffset.MaxValue && time.GetUtcNow() + Margin >= ValidUntil)
        {
            throw new LeaseLostException(fence.MigrationId, $"it was not renewed in time (valid until {ValidUntil:O})");
        }
    }

    public void Dispose() => lost.Dispose();
}
