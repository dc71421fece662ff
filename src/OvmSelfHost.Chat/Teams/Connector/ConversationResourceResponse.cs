namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>A created conversation: its id, the id of its first activity, and where to reach it.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}
