namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>chat.postMessage / chat.update: the channel id and the message's ts, the pair to edit it later.</summary>
public sealed record SlackPostResponse : SlackResponse
{
    public string Channel { get; init; } = "";
    public string Ts { get; init; } = "";
}
