using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Storage;

/// <summary>
/// Deletes expired delivery claims on a clock, away from the acknowledgement path: a claim never
/// walks the table (an expired key is taken over by the claim itself).
/// </summary>
internal sealed partial class DeliveryClaimSweeper(EfDeliveryClaims claims, TimeProvider time, ILogger<DeliveryClaimSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                var deleted = await claims.SweepAsync(stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next sweep tries again; an unswept claim only takes room, its expiry still holds.
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "Swept {Count} expired delivery claims.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Sweeping expired delivery claims failed; trying again later.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
