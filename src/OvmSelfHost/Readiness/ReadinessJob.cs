using Quartz;

namespace OvmSelfHost.Readiness;

/// <summary>The standing readiness check: every configured pair, on the Readiness:Schedule cron.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ReadinessJob(ReadinessService readiness, ILogger<ReadinessJob> logger) : IJob
{
    public static readonly JobKey Key = new("readiness", "ovm");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var (first, second) in readiness.Pairs())
        {
            try
            {
                await readiness.CheckAsync(first, second, "schedule", cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One pair that cannot be checked must not keep the others from being checked.
                LogFailed(logger, first, second, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "The readiness check of {First} and {Second} could not run: {Reason}")]
    private static partial void LogFailed(ILogger logger, string first, string second, string reason);
}
