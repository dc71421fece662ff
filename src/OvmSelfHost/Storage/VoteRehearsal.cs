namespace OvmSelfHost.Storage;

/// <summary>
/// Right after start, off the request path: reads a run and rehearses a vote's save (rolled back), so the first vote this
/// replica takes is as quick as the next ones. A failure only costs that first vote its speed.
/// </summary>
internal sealed partial class VoteRehearsal(EfMigrationStore store, ILogger<VoteRehearsal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.FindAsync(Guid.Empty, stoppingToken);
            await store.RehearseVoteAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRehearsalFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "Rehearsing a vote's save at start failed (nothing was committed); the first vote here will be slower.")]
    private static partial void LogRehearsalFailed(ILogger logger, Exception exception);
}
