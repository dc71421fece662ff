namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>A message as conversations.history and conversations.replies return it.</summary>
public sealed record SlackPostedMessage
{
    public string Ts { get; init; } = "";
    public string? ThreadTs { get; init; }
    public string? Text { get; init; }
    public SlackMessageMetadata? Metadata { get; init; }
}
