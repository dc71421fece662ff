namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The part of users.info's user that the bot shows.</summary>
public sealed record SlackUser
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? RealName { get; init; }
}
