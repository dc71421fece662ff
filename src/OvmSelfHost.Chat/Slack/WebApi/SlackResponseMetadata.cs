namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>Slack's cursor pagination: an empty <see cref="NextCursor"/> means the last page.</summary>
public sealed record SlackResponseMetadata
{
    public string? NextCursor { get; init; }
}
