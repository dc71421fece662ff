using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>Slack's JSON: snake_case names, absent rather than null.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
