namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The body of chat.postEphemeral: seen only by <see cref="User"/>.</summary>
public sealed record SlackEphemeralMessage(string Channel, string User, string Text, string? ThreadTs = null);
