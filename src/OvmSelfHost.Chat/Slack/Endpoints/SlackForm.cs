using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>A slash command's fields: an <c>application/x-www-form-urlencoded</c> body read from the verified raw bytes, or a Socket Mode payload.</summary>
internal sealed class SlackForm(Dictionary<string, StringValues> fields)
{
    public static SlackForm Parse(byte[] body) => new(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)));

    /// <summary>The same fields as a Socket Mode <c>slash_commands</c> payload carries them: a JSON object of strings.</summary>
    public static SlackForm FromJson(JsonElement payload) => new(payload.ValueKind != JsonValueKind.Object
        ? []
        : payload.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new StringValues(g.Last().Value.GetString()), StringComparer.Ordinal));

    public string? this[string name] => fields.TryGetValue(name, out var value) ? value.ToString() : null;
}
