using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>
/// Slack's message metadata (chat.postMessage <c>metadata</c>; returned by conversations.history and
/// conversations.replies with <c>include_all_metadata</c>): an event type and a flat payload.
/// </summary>
public sealed record SlackMessageMetadata(string EventType, JsonObject EventPayload);
