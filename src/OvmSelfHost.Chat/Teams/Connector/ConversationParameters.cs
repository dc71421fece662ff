using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>The body of <c>POST /v3/conversations</c>: a new channel thread or a 1:1 chat, with its first activity.</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public TeamsAccount? Bot { get; init; }
    public List<TeamsAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public TeamsActivity? Activity { get; init; }
    public JsonNode? ChannelData { get; init; }
    public string? TenantId { get; init; }
}
