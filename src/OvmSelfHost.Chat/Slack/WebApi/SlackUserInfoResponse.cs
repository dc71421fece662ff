namespace OvmSelfHost.Chat.Slack.WebApi;

public sealed record SlackUserInfoResponse : SlackResponse
{
    public SlackUser? User { get; init; }
}
