using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Slack.Publishing;

/// <summary>
/// Drains the update queue: everything waiting for a migration becomes one refresh (coalesced, so a
/// fast run does not flood chat.update) with its thread lines in order. Migrations are refreshed one
/// at a time, so a message is never edited by two writers at once. A Slack failure is logged; the
/// next change refreshes the messages again from the stored state.
/// </summary>
public sealed partial class SlackPublishingService(SlackRunUpdates updates, IServiceProvider services, ILogger<SlackPublishingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publisher = services.GetRequiredService<SlackRunPublisher>();
        while (await updates.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<SlackRunUpdate>();
            while (updates.Reader.TryRead(out var update))
            {
                batch.Add(update);
            }

            foreach (var migration in batch.GroupBy(u => u.MigrationId))
            {
                await PublishAsync(publisher, migration.Key, migration.Select(u => u.ThreadLine).OfType<string>().ToList(), stoppingToken);
            }
        }
    }

    private async Task PublishAsync(SlackRunPublisher publisher, Guid migrationId, IReadOnlyList<string> lines, CancellationToken stoppingToken)
    {
        try
        {
            await publisher.PublishAsync(migrationId, lines, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, migrationId, ex.Message);
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Updating the Slack messages of migration {MigrationId} failed: {Reason}. The next change tries again.")]
    private static partial void LogPublishFailed(ILogger logger, Guid migrationId, string reason);
}
