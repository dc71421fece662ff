using System.Text.Json.Nodes;

namespace OvmSelfHost.TestIdentityProvider.Teams;

/// <summary>
/// One activity the Playground sent, or one the bot sent to it: the operation (send, reply, update),
/// the conversation, the activity it answers (a reply) or replaces (an update), the body, and the
/// Authorization header the bot sent (null: none, as local mode must).
/// </summary>
public sealed record PlaygroundActivity(string Operation, string ConversationId, string? ActivityId, JsonObject Body, string? Authorization)
{
    public string Text => Body["text"]?.GetValue<string>() ?? "";

    /// <summary>The Adaptive Card's JSON, or empty when the activity carries none.</summary>
    public string CardJson => Body["attachments"]?.ToJsonString() ?? "";
}
