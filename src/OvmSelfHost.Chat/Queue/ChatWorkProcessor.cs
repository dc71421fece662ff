using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Queue;

/// <summary>Runs queued chat work, a few items at a time, so one slow command never holds up the others.</summary>
public sealed partial class ChatWorkProcessor(ChatWorkQueue queue, ILogger<ChatWorkProcessor> logger) : BackgroundService
{
    private const int Parallelism = 4;
    private readonly SemaphoreSlim slots = new(Parallelism);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await slots.WaitAsync(stoppingToken);
            _ = Task.Run(() => RunAsync(work, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunAsync(ChatWork work, CancellationToken stoppingToken)
    {
        try
        {
            await work.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogWorkFailed(logger, work.Description, ex);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Chat work '{Work}' failed.")]
    private static partial void LogWorkFailed(ILogger logger, string work, Exception exception);
}
