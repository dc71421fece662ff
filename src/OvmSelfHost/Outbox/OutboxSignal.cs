namespace OvmSelfHost.Outbox;

/// <summary>
/// Wakes the relay the moment rows were committed in this process. Wakes coalesce: many saves while
/// the relay works make one more round. Rows written by another process are found by the relay's timer.
/// </summary>
public sealed class OutboxSignal(TimeProvider time)
{
    private readonly SemaphoreSlim wakes = new(0, 1);

    public void Wake()
    {
        try
        {
            wakes.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the coming round reads every pending row anyway.
        }
    }

    /// <summary>Returns when woken or after <paramref name="wait"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await wakes.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
