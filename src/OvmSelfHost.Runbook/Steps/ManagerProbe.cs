using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Asks a manager, again and again, whether it answers RUNNING with one UUID, and keeps the longest
/// time it did not: the interruption people are shown. Not thread-safe: one loop probes.
/// </summary>
internal sealed class ManagerProbe(IOvmManager manager, string uuid, TimeProvider time)
{
    private DateTimeOffset? lastAnswered;
    private DateTimeOffset? silentSince;

    public TimeSpan LongestSilence { get; private set; }

    public int Probes { get; private set; }

    public string? LastProblem { get; private set; }

    /// <summary>True while the last probe went unanswered.</summary>
    public bool Silent => silentSince is not null;

    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        Probes++;
        var answered = await AnswersAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (answered)
        {
            if (silentSince is { } since)
            {
                var silence = now - (lastAnswered ?? since);
                LongestSilence = silence > LongestSilence ? silence : LongestSilence;
            }

            silentSince = null;
            lastAnswered = now;
        }
        else
        {
            silentSince ??= now;
        }

        return answered;
    }

    /// <summary>Probes every <paramref name="interval"/> until cancelled (while the move runs).</summary>
    public async Task WatchAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await ProbeAsync(cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Probes until answered or <paramref name="limit"/> has passed since the silence began.</summary>
    public async Task<bool> AwaitAnswerAsync(TimeSpan interval, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = (silentSince ?? time.GetUtcNow()) + limit;
        while (!await ProbeAsync(cancellationToken))
        {
            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(interval, time, cancellationToken);
        }

        return true;
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await manager.ProbeStatusAsync(cancellationToken);
            LastProblem = status.IsRunning && string.Equals(status.ManagerUuid, uuid, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"it answered {status.RunState} with UUID {status.ManagerUuid}";
            return LastProblem is null;
        }
        catch (OvmFaultException fault)
        {
            LastProblem = $"{fault.Kind}: {fault.Message}";
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LastProblem = "no answer within the client's timeout";
            return false;
        }
    }
}
