using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Queue;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/events</c>: answers url_verification with its challenge, and takes app_mention
/// events as commands. A retried delivery (same event_id, X-Slack-Retry-Num) is acknowledged and
/// changes nothing.
/// </summary>
internal sealed partial class SlackEventHandler(DeliveryDeduplicator deduplicator, ChatWorkQueue queue, SlackMentionHandler mentions, ILogger<SlackEventHandler> logger)
{
    public IResult Handle(byte[] body, string? retryNumber)
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

        if (type != "event_callback" || !root.TryGetProperty("event", out var inner) || inner.ValueKind != JsonValueKind.Object)
        {
            return SlackAnswers.Acknowledge();
        }

        if (Text(root, "event_id") is { } eventId && !deduplicator.TryClaim($"slack:event:{eventId}"))
        {
            LogDuplicate(logger, eventId, retryNumber ?? "none");
            return SlackAnswers.Acknowledge();
        }

        if (SlackMention.TryRead(inner) is { } mention)
        {
            queue.Enqueue("slack app_mention", ct => mentions.HandleAsync(mention, ct));
        }

        return SlackAnswers.Acknowledge();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Slack event {EventId} delivered again (retry {Retry}); already handled.")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string retry);
}
