using System.Text.Json;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>The parts of a <c>block_actions</c> payload the bot uses: who clicked which button where.</summary>
internal sealed record SlackClick(string Type, string UserId, string? ActionId, string? Value, string? ResponseUrl, string? ChannelId)
{
    /// <returns>Null when the payload is not JSON or lacks a type or user.</returns>
    public static SlackClick? TryParse(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var action = root.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0
                ? actions[0]
                : default;
            var type = Text(root, "type");
            var user = root.TryGetProperty("user", out var u) ? Text(u, "id") : null;
            var channel = root.TryGetProperty("channel", out var c) ? Text(c, "id") : null;
            return type is null || user is null
                ? null
                : new SlackClick(type, user, Text(action, "action_id"), Text(action, "value"), Text(root, "response_url"), channel);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
