using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// A <see cref="GateKey"/> in JSON is its plain name, as a value and as a dictionary key: runs stored
/// before the key was typed read back, and the console and API clients keep reading <c>gate</c> as a string.
/// </summary>
public sealed class GateKeyJsonConverter : JsonConverter<GateKey>
{
    public override GateKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, GateKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }

    public override GateKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, GateKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Name);
    }

    private static GateKey Parse(string? text) =>
        GateKey.TryParse(text, out var gate) ? gate : throw new JsonException($"'{text}' is not a gate.");
}
