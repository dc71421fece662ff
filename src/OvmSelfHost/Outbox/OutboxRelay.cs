using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Outbox;

/// <summary>
/// The one relay: delivers the outbox's rows to their chat channel's <see cref="IOutboxTarget"/>, in
/// order per conversation, the consecutive rows of a migration coalesced into one call (so a fast
/// run does not flood chat.update). A row is marked delivered only after the channel accepted it;
/// a failure holds its conversation (nothing overtakes it) and retries with exponential backoff, or
/// after the Retry-After the channel asked for, until accepted. Woken by <see cref="OutboxSignal"/>
/// right after a commit, and on a timer for retries and rows written by another process.
/// </summary>
/// <remarks>
/// Every replica runs a relay; a conversation is relayed only by the replica holding its lease (taken
/// or extended right before each delivery, for longer than a delivery may take), so exactly one
/// replica relays a conversation at a time and its order holds; a delivery that outlasts its hold learns so
/// at its next post (<see cref="OutboxHold"/>) and stops there. A dead relayer's conversations pass
/// to another replica when their lease expires; a row is marked delivered only after the channel
/// accepted it, so none is lost.
/// </remarks>
internal sealed partial class OutboxRelay(
    IOutboxStore store, EfLeases leases, IServiceProvider services, OutboxSignal signal, IOptions<OutboxOptions> options, TimeProvider time,
    ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int ConversationsPerRound = 20;
    private const int RowsPerDelivery = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not in the constructor: the targets need the engine, which needs the store.
        var targets = services.GetServices<IOutboxTarget>().ToDictionary(t => t.Channel, StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            return;
        }

        var channels = targets.Keys.ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RoundAsync(targets, channels, stoppingToken))
                {
                    continue;
                }

                await signal.WaitAsync(await WaitAsync(channels, stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRelayFailed(logger, ex);
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <returns>True when something was delivered (more may wait, so go round again at once).</returns>
    private async Task<bool> RoundAsync(Dictionary<string, IOutboxTarget> targets, List<string> channels, CancellationToken stoppingToken)
    {
        var due = await store.NextAsync(channels, time.GetUtcNow(), ConversationsPerRound, RowsPerDelivery, stoppingToken);
        var delivered = false;
        foreach (var conversation in due.GroupBy(r => (r.Channel, r.Conversation)))
        {
            if (!await leases.HoldConversationAsync(conversation.Key.Channel, conversation.Key.Conversation, stoppingToken))
            {
                continue;
            }

            var rows = conversation.ToList();
            // A migration's rows say "bring the messages up to date" and coalesce; posts go one at a time.
            var batch = rows[0].MigrationId is null ? rows.Take(1).ToList() : rows;
            var hold = new OutboxHold(ct => leases.ExtendConversationAsync(conversation.Key.Channel, conversation.Key.Conversation, ct));
            delivered |= await DeliverAsync(targets[conversation.Key.Channel], batch, hold, stoppingToken);
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(IOutboxTarget target, IReadOnlyList<OutboxMessage> batch, OutboxHold hold, CancellationToken stoppingToken)
    {
        var ids = batch.Select(r => r.Id).ToList();
        TimeSpan? retryAfter = null;
        string reason;
        try
        {
            await target.DeliverAsync(batch, hold, stoppingToken);
            await store.DeliveredAsync(ids, time.GetUtcNow(), stoppingToken);
            if (batch[0].Attempts > 0)
            {
                LogDeliveredAfterRetries(logger, batch.Count, target.Channel, batch[0].Conversation, batch[0].Attempts);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OutboxHoldLostException)
        {
            // Not a failure of the channel: the replica that holds the conversation now delivers these rows.
            LogHoldLost(logger, batch.Count, target.Channel, batch[0].Conversation);
            return false;
        }
        catch (OutboxDeliveryException refused)
        {
            (reason, retryAfter) = (refused.Message, refused.RetryAfter);
        }
        catch (Exception ex)
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }

        var attempts = batch[0].Attempts + 1;
        var wait = options.Value.Backoff(attempts, retryAfter);
        LogDeliveryFailed(logger, batch.Count, target.Channel, batch[0].Conversation, attempts, reason, wait.TotalSeconds);
        await store.FailedAsync(ids, reason, time.GetUtcNow() + wait, stoppingToken);
        return false;
    }

    private async Task<TimeSpan> WaitAsync(List<string> channels, CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        if (await store.NextAttemptAsync(channels, stoppingToken) is not { } next)
        {
            return poll;
        }

        var wait = next - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < poll ? wait : poll;
    }

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning,
        Message = "Delivering {Count} outbox row(s) to {Channel} ({Conversation}) failed, attempt {Attempt}: {Reason}. Trying again in {Seconds} s.")]
    private static partial void LogDeliveryFailed(ILogger logger, int count, string channel, string conversation, int attempt, string reason, double seconds);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Information, Message = "Delivered {Count} outbox row(s) to {Channel} ({Conversation}) after {Attempts} failed attempt(s).")]
    private static partial void LogDeliveredAfterRetries(ILogger logger, int count, string channel, string conversation, int attempts);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Information,
        Message = "Stopped delivering {Count} outbox row(s) to {Channel} ({Conversation}): the delivery outlasted this replica's hold and another replica relays the conversation now.")]
    private static partial void LogHoldLost(ILogger logger, int count, string channel, string conversation);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Error, Message = "The outbox relay could not read the outbox; it tries again shortly.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
