namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>Every Web API answer: <c>{"ok":true,…}</c> or <c>{"ok":false,"error":"code"}</c>.</summary>
public record SlackResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
}
