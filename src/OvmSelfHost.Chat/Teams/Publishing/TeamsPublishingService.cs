using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Teams.Publishing;

/// <summary>
/// Drains the update queue: every migration waiting becomes one card update (coalesced), one
/// migration at a time, so a card is never written by two writers at once. A failure is logged and
/// the next change writes the card again from the stored state.
/// </summary>
public sealed partial class TeamsPublishingService(TeamsRunUpdates updates, IServiceProvider services, ILogger<TeamsPublishingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publisher = services.GetRequiredService<TeamsRunPublisher>();
        while (await updates.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new HashSet<Guid>();
            while (updates.Reader.TryRead(out var id))
            {
                batch.Add(id);
            }

            foreach (var id in batch)
            {
                try
                {
                    await publisher.PublishAsync(id, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogPublishFailed(logger, id, ex.Message);
                }
            }
        }
    }

    [LoggerMessage(EventId = 4551, Level = LogLevel.Warning, Message = "Updating the Teams card of migration {MigrationId} failed: {Reason}. The next change tries again.")]
    private static partial void LogPublishFailed(ILogger logger, Guid migrationId, string reason);
}
