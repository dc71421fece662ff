using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Teams;

/// <summary>One call the bot made to the fake Bot Framework: "send", "reply", "update", "create" or "token".</summary>
public sealed record FakeConnectorCall(string Operation, string Path, string ConversationId, string? ActivityId, JsonObject Body, string Authorization);
