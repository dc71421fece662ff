namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>conversations.history / conversations.replies: one page of messages and the cursor of the next.</summary>
public sealed record SlackMessagesResponse : SlackResponse
{
    public IReadOnlyList<SlackPostedMessage> Messages { get; init; } = [];
    public bool HasMore { get; init; }
    public SlackResponseMetadata? ResponseMetadata { get; init; }
}
