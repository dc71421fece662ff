using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Running;

/// <summary>
/// The timer of invariant 7: while a gate waits after a cutover no step boundary comes, so the old
/// managers are looked at every <c>Runbook:OldManagerWatchInterval</c> and a run stops at once when one runs again.
/// </summary>
internal sealed partial class OldManagerWatchService(MigrationEngine engine, TimeSpan interval, TimeProvider time, ILogger<OldManagerWatchService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var runs = await engine.ListAsync(stoppingToken);
        foreach (var run in runs.Where(r => r.State is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement))
        {
            try
            {
                await engine.WatchOldManagersAsync(run.Id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreadable manager must not stop the watch of every other run.
                LogWatchFailed(logger, run.Id, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Old-manager watch of migration {RunId} could not look: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, Guid runId, string reason);
}
