using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvmSelfHost.Chat.Teams.Activities;

/// <summary>Bot Framework JSON: camelCase names, absent rather than null.</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
