using System.Text.Json;
using System.Text.RegularExpressions;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>An <c>app_mention</c> event: "@ovm status" in a channel, taken as "/ovm status".</summary>
internal sealed partial record SlackMention(string UserId, string Channel, string Text, string ThreadTs)
{
    /// <returns>Null for other events, and for messages from bots (our own posts included).</returns>
    public static SlackMention? TryRead(JsonElement inner)
    {
        if (Read(inner, "type") != "app_mention" || inner.TryGetProperty("bot_id", out _)
            || Read(inner, "user") is not { } user || Read(inner, "channel") is not { } channel || Read(inner, "ts") is not { } ts)
        {
            return null;
        }

        var text = Mentions().Replace(Read(inner, "text") ?? "", " ").Trim();
        return new SlackMention(user, channel, text, Read(inner, "thread_ts") ?? ts);
    }

    private static string? Read(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mentions();
}
