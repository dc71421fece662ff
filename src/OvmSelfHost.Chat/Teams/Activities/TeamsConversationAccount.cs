namespace OvmSelfHost.Chat.Teams.Activities;

/// <summary>A ConversationAccount: personal (<c>a:…</c>), groupChat or channel (<c>19:…</c>).</summary>
public sealed record TeamsConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public bool? IsGroup { get; init; }
    public string? TenantId { get; init; }
}
