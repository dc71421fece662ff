using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

public sealed partial class WsApiOvmManager
{
    public async Task<OvmJobResult> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await _faults.ContentAsync(() => _api.GetJob(jobId, cancellationToken), $"read job {jobId}");
        return JobResults.From(job, jobId);
    }

    public Task<OvmJobResult> WaitForJobAsync(string jobId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForJobAsync(jobId, timeout, null, cancellationToken);

    public async Task<OvmJobResult> WaitForJobAsync(string jobId, TimeSpan timeout, TimeSpan? expected, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var schedule = _polling.Start(expected);
        for (var polls = 1; ; polls++)
        {
            var result = await GetJobAsync(jobId, cancellationToken);
            if (result.IsDone)
            {
                Telemetry.OvmTelemetry.JobPolls.Record(polls, new KeyValuePair<string, object?>("ovm.job.state", result.State.ToString()));
                WsApiLog.JobEnded(_logger, _endpoint.Label, jobId, result.State.ToString(), result.ErrorCode);
                return result;
            }

            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                WsApiLog.JobHung(_logger, _endpoint.Label, jobId, timeout);
                Telemetry.OvmTelemetry.JobPolls.Record(polls, new KeyValuePair<string, object?>("ovm.job.state", nameof(OvmJobState.Hung)));
                return result with { State = OvmJobState.Hung };
            }

            var delay = schedule.Next(_time.GetElapsedTime(started));
            await Task.Delay(delay < remaining ? delay : remaining, _time, cancellationToken);
        }
    }

    public async Task<ManagerStatus> WaitUntilRunningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var schedule = _polling.Steadily();
        OvmFaultException? lastFault = null;
        ManagerStatus? last = null;
        while (true)
        {
            try
            {
                // A manager still starting refuses connections: each look is one attempt, and the schedule is the retry
                // (the client's own retries would add their backoff, up to 3.5 s, to the moment it answers).
                last = await ProbeStatusAsync(cancellationToken);
                if (last.IsRunning)
                {
                    return last;
                }
            }
            catch (OvmFaultException fault) when (fault.Kind is OvmFaultKind.Unreachable)
            {
                lastFault = fault;
                WsApiLog.WaitingForManager(_logger, _endpoint.Label, fault.Message);
            }

            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return last ?? throw new OvmFaultException(
                    OvmFaultKind.Unreachable, $"{_endpoint.Label} was not reachable within {timeout}: {lastFault?.Message}", inner: lastFault);
            }

            var delay = schedule.Next(_time.GetElapsedTime(started));
            await Task.Delay(delay < remaining ? delay : remaining, _time, cancellationToken);
        }
    }
}
