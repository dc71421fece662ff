using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Teams.Activities;

/// <summary>An attachment; the bot sends Adaptive Cards (<see cref="AdaptiveCardType"/>).</summary>
public sealed record TeamsAttachment
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; init; }
    public JsonNode? Content { get; init; }
}
