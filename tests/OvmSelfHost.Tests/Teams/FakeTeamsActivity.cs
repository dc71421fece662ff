using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Teams;

/// <summary>An activity the bot posted into a conversation, as last updated.</summary>
public sealed class FakeTeamsActivity
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public JsonObject Body { get; set; } = [];
    public int Updates { get; set; }

    public string Text => Body["text"]?.GetValue<string>() ?? "";

    public JsonObject? Card => Body["attachments"]?[0]?["content"] as JsonObject;

    public string CardText => Card?.ToJsonString() ?? "";

    public bool HasButtons => CardText.Contains("Action.Execute\",\"title", StringComparison.Ordinal);
}
