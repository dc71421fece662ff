using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Teams.Activities;

/// <summary>The subset of a Bot Framework Activity the bot reads and writes (names as in Microsoft.Bot.Schema).</summary>
public sealed record TeamsActivity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public TeamsAccount? From { get; init; }
    public TeamsAccount? Recipient { get; init; }
    public TeamsConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Name { get; init; }
    public JsonNode? Value { get; init; }
    public string? ReplyToId { get; init; }
    public List<TeamsAttachment>? Attachments { get; init; }
    public List<JsonNode>? Entities { get; init; }
    public JsonNode? ChannelData { get; init; }
    public List<TeamsAccount>? MembersAdded { get; init; }
    public List<TeamsAccount>? MembersRemoved { get; init; }

    /// <summary>An outgoing message: text, and a card when given.</summary>
    public static TeamsActivity Message(string? text, JsonObject? card = null) => new()
    {
        Type = "message",
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Attachments = card is null ? null : [new TeamsAttachment { ContentType = TeamsAttachment.AdaptiveCardType, Content = card }],
    };
}
