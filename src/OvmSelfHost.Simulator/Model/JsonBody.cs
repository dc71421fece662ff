using System.Text.Json;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Model;

/// <summary>Tolerant readers for request bodies (fields may be absent, null, or of the wrong kind).</summary>
internal static class JsonBody
{
    public static string? Str(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Long(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null;

    public static bool? Bool(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>The <c>value</c> of a SimpleId, or a bare string id.</summary>
    public static string? IdValue(JsonNode? node) => node switch
    {
        JsonObject o => o.Str("value"),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };

    public static string? IdOf(this JsonObject o, string name) => IdValue(o[name]);

    public static IReadOnlyList<string> IdsOf(this JsonObject o, string name) =>
        o[name] is JsonArray a ? a.Select(IdValue).OfType<string>().ToList() : [];

    public static IReadOnlyList<string> Strings(this JsonObject o, string name) =>
        o[name] is JsonArray a
            ? a.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];
}
