using System.Threading.Channels;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Running;

/// <summary>
/// Advances runs in the background: requests answer at once, work happens here. At start it picks
/// up every run that has not ended, which is how a restart resumes (and re-attaches to jobs).
/// </summary>
internal sealed partial class BackgroundRunDriver(IServiceProvider services, ILogger<BackgroundRunDriver> logger) : BackgroundService, IRunDriver
{
    private readonly Channel<Guid> kicks = Channel.CreateUnbounded<Guid>();

    public void Kick(Guid migrationId) => kicks.Writer.TryWrite(migrationId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engine = services.GetRequiredService<MigrationEngine>();
        if (!engine.AdaptersConfigured)
        {
            LogNoAdapter(logger);
        }

        foreach (var run in await engine.ListAsync(stoppingToken))
        {
            if (!run.IsTerminal)
            {
                Kick(run.Id);
            }
        }

        await foreach (var id in kicks.Reader.ReadAllAsync(stoppingToken))
        {
            _ = Task.Run(() => AdvanceAsync(engine, id, stoppingToken), stoppingToken);
        }
    }

    private async Task AdvanceAsync(MigrationEngine engine, Guid id, CancellationToken stoppingToken)
    {
        try
        {
            await engine.AdvanceAsync(id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the run stays where it was saved and resumes at the next start.
        }
        catch (Exception ex)
        {
            LogAdvanceFailed(logger, id, ex);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No Oracle VM adapter is configured (Ovm:Adapter): migrations wait before preflight.")]
    private static partial void LogNoAdapter(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Advancing migration {MigrationId} failed unexpectedly; it stays where it was saved.")]
    private static partial void LogAdvanceFailed(ILogger logger, Guid migrationId, Exception exception);
}
