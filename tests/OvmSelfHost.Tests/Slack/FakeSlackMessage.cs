using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Slack;

/// <summary>A message as the fake Slack holds it now: posted once, then edited by chat.update.</summary>
public sealed class FakeSlackMessage
{
    public required string Channel { get; init; }
    public required string Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string Text { get; set; } = "";
    public JsonArray Blocks { get; set; } = [];
    public int Updates { get; set; }

    /// <summary>The post's metadata as sent (chat.postMessage <c>metadata</c>), returned by conversations.history/replies.</summary>
    public JsonObject? Metadata { get; init; }

    public bool HasButtons => Blocks.Any(b => b?["type"]?.GetValue<string>() == "actions");

    public IEnumerable<JsonObject> Buttons =>
        Blocks.Where(b => b?["type"]?.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()).OfType<JsonObject>();

    public string AllText => Text + "\n" + Blocks.ToJsonString(Readable);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
