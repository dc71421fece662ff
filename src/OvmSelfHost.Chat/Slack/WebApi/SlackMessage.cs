using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The body of chat.postMessage and chat.update (<see cref="Ts"/> set for an update).</summary>
/// <param name="Text">The notification fallback; always sent.</param>
/// <param name="Metadata">What the post is to the bot (chat.postMessage only), so it can be found again.</param>
public sealed record SlackMessage(string Channel, string Text, JsonArray? Blocks = null, string? ThreadTs = null, string? Ts = null, SlackMessageMetadata? Metadata = null);
