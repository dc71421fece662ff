using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Slack.Endpoints;

namespace OvmSelfHost.Chat.Slack.SocketMode;

/// <summary>
/// One Socket Mode envelope into the same handlers as the HTTP endpoints, with the same delivery
/// claims: a slash command is claimed by its envelope id (Slack redelivers an unacknowledged
/// envelope with the same id), a click by who clicked which button of which gate opening, an event
/// by its event_id. Returns the acknowledgement to send back.
/// </summary>
internal sealed class SlackEnvelopeDispatcher(SlackCommandHandler commands, SlackInteractionHandler interactions, SlackEventHandler events)
{
    private const string Unreadable = "This command could not be read (no user_id or response_url); nothing was done.";

    /// <returns>The acknowledgement, or null for a frame that has no envelope id (hello, disconnect, anything unknown).</returns>
    public async Task<JsonObject?> DispatchAsync(JsonElement envelope, CancellationToken cancellationToken)
    {
        if (Text(envelope, "envelope_id") is not { Length: > 0 } envelopeId)
        {
            return null;
        }

        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        switch (Text(envelope, "type"))
        {
            case "slash_commands":
                var answer = await commands.AnswerAsync(SlackForm.FromJson(payload), DeliveryKey.Of("slack-command", envelopeId), cancellationToken);
                ack["payload"] = new JsonObject { ["response_type"] = "ephemeral", ["text"] = answer ?? Unreadable };
                break;
            case "interactive":
                await interactions.HandlePayloadAsync(payload.ValueKind == JsonValueKind.Object ? payload.GetRawText() : null, cancellationToken);
                break;
            case "events_api" when payload.ValueKind == JsonValueKind.Object:
                var retry = envelope.TryGetProperty("retry_attempt", out var r) && r.ValueKind == JsonValueKind.Number
                    ? r.GetInt32().ToString(CultureInfo.InvariantCulture)
                    : null;
                await events.HandleAsync(Encoding.UTF8.GetBytes(payload.GetRawText()), retry, cancellationToken);
                break;
            default:
                // An envelope type the bot does not use is still acknowledged, or Slack redelivers it.
                break;
        }

        return ack;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
