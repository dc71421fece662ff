using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Slack.Messages;

/// <summary>The few Block Kit blocks and elements the bot uses, as JSON.</summary>
public static class BlockKit
{
    public static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = SlackText.Limit(text) };

    public static JsonObject Plain(string text, int max = 75) => new() { ["type"] = "plain_text", ["text"] = SlackText.Limit(text, max) };

    public static JsonObject Section(string markdown) => new() { ["type"] = "section", ["text"] = Markdown(markdown) };

    public static JsonObject Fields(params string[] fields) =>
        new() { ["type"] = "section", ["fields"] = new JsonArray(fields.Take(10).Select(f => (JsonNode)Markdown(SlackText.Limit(f, 1900))).ToArray()) };

    public static JsonObject Context(string markdown) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(Markdown(markdown)) };

    public static JsonObject Actions(string blockId, params JsonObject[] elements) =>
        new() { ["type"] = "actions", ["block_id"] = blockId, ["elements"] = new JsonArray(elements.Select(e => (JsonNode)e).ToArray()) };

    /// <param name="style">"primary", "danger", or null.</param>
    public static JsonObject Button(string actionId, string text, string value, string? style, JsonObject? confirm = null)
    {
        var button = new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["text"] = Plain(text), ["value"] = value };
        if (style is not null)
        {
            button["style"] = style;
        }

        if (confirm is not null)
        {
            button["confirm"] = confirm;
        }

        return button;
    }

    public static JsonObject Confirm(string title, string text, string confirm, string deny) => new()
    {
        ["title"] = Plain(title, 100),
        ["text"] = Plain(text, 300),
        ["confirm"] = Plain(confirm, 30),
        ["deny"] = Plain(deny, 30),
        ["style"] = "danger",
    };
}
