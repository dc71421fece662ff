using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Teams.Activities;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke: an Action.Execute's verb and data.</summary>
internal sealed record TeamsCardAction(string Verb, JsonObject Data)
{
    public string? Field(string name) => Data[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <returns>Null when the value is not an Action.Execute with a verb.</returns>
    public static TeamsCardAction? TryRead(TeamsActivity activity)
    {
        if (activity.Value is not JsonObject value || value["action"] is not JsonObject action
            || action["type"] is not JsonValue type || !type.TryGetValue<string>(out var typeName) || typeName != "Action.Execute"
            || action["verb"] is not JsonValue verb || !verb.TryGetValue<string>(out var verbName) || string.IsNullOrEmpty(verbName))
        {
            return null;
        }

        return new TeamsCardAction(verbName, action["data"] as JsonObject ?? []);
    }
}
