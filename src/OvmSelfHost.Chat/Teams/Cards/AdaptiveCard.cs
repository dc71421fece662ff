using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Teams.Cards;

/// <summary>The few Adaptive Card elements the bot uses, written as JSON (schema 1.5, what Teams renders).</summary>
public static class AdaptiveCard
{
    public const string Version = "1.5";

    public static JsonObject Card(JsonArray body, JsonObject? refresh = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (refresh is not null)
        {
            card["refresh"] = refresh;
        }

        return card;
    }

    /// <param name="weight">"Bolder" or null; <paramref name="color"/> "Good", "Attention", "Warning", "Accent" or null.</param>
    public static JsonObject Text(string text, string? weight = null, string? color = null, string? size = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Limit(text), ["wrap"] = true };
        Set(block, "weight", weight);
        Set(block, "color", color);
        Set(block, "size", size);
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    public static JsonObject Facts(params (string Title, string Value)[] facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = Limit(f.Value) }).ToArray()),
    };

    /// <param name="style">"emphasis", "good", "attention", "warning" or null.</param>
    public static JsonObject Container(string? style, params JsonObject[] items)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()) };
        Set(container, "style", style);
        return container;
    }

    public static JsonObject Actions(params JsonObject[] actions) =>
        new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray()) };

    /// <param name="style">"positive", "destructive" or null.</param>
    public static JsonObject Execute(string title, string verb, JsonObject data, string? style = null)
    {
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data };
        Set(action, "style", style);
        return action;
    }

    /// <summary>Ask Teams to refresh the card (an <c>Action.Execute</c> invoke) when one of <paramref name="userIds"/> views it.</summary>
    public static JsonObject Refresh(string verb, JsonObject data, IEnumerable<string> userIds) => new()
    {
        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
        ["userIds"] = new JsonArray(userIds.Take(60).Select(u => (JsonNode)u).ToArray()),
    };

    private static string Limit(string text, int max = 4000) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
