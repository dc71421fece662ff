namespace OvmSelfHost.Chat.Teams.Activities;

/// <summary>A ChannelAccount: a user (<c>29:…</c>, with its AAD object id) or a bot (<c>28:{app id}</c>).</summary>
public sealed record TeamsAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}
