using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Queue;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/events</c>: answers url_verification with its challenge, and takes app_mention
/// events as commands. Each event is claimed by its event_id before anything else, so a retried
/// delivery (X-Slack-Retry-Num), also after a restart or on another replica, is acknowledged and
/// changes nothing; the Events API has no answer but the acknowledgement.
/// </summary>
internal sealed partial class SlackEventHandler(IDeliveryClaims claims, ChatWorkQueue queue, SlackMentionHandler mentions, ILogger<SlackEventHandler> logger)
{
    public async Task<IResult> HandleAsync(byte[] body, string? retryNumber, CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "The event is not valid JSON; nothing was done." });
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Results.BadRequest(new { error = $"The event is JSON {root.ValueKind}, not the object Slack sends; nothing was done." });
        }

        var type = Text(root, "type");
        if (type == "url_verification")
        {
            return Results.Json(new { challenge = Text(root, "challenge") ?? "" });
        }

        if (type != "event_callback" || !root.TryGetProperty("event", out var inner) || inner.ValueKind != JsonValueKind.Object
            || SlackMention.TryRead(inner) is not { } mention)
        {
            return SlackAnswers.Acknowledge();
        }

        // Slack gives every event an id; one without cannot be told from its retries, so it is not acted on.
        if (Text(root, "event_id") is not { Length: > 0 } eventId)
        {
            return SlackAnswers.Acknowledge();
        }

        var key = DeliveryKey.Of("slack-event", eventId);
        if (!(await claims.ClaimAsync(key, SlackChannel.Name, cancellationToken)).IsFirst)
        {
            LogDuplicate(logger, eventId, retryNumber ?? "none");
            return SlackAnswers.Acknowledge();
        }

        var receipt = await mentions.ReceiveAsync(mention, cancellationToken);
        queue.Enqueue("slack app_mention", ct => claims.ActAsync(key, async () =>
        {
            await mentions.HandleAsync(mention, receipt, ct);
            return true;
        }, _ => null, ct));
        return SlackAnswers.Acknowledge();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Slack event {EventId} delivered again (retry {Retry}); already handled.")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string retry);
}
