namespace OvmSelfHost.Chat.Slack;

/// <summary>The name Slack goes by in votes, the journal and the message store.</summary>
public static class SlackChannel
{
    public const string Name = "slack";
}
