using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Teams;

/// <summary>One call the bot made to the fake Bot Framework: "send", "reply", "update", "create" or "token" (":503", ":429" when refused so).</summary>
public sealed record FakeConnectorCall(string Operation, string Path, string ConversationId, string? ActivityId, JsonObject Body, string Authorization)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}
