using System.Text;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Chat.Replies;

/// <summary>
/// A reply's structure, written once (<see cref="ChatReplies"/>) and rendered by each channel: Slack as
/// Block Kit, Teams as markdown, the console and every fallback as <see cref="PlainText"/>.
/// </summary>
public sealed record ReplyDocument(IReadOnlyList<ReplyBlock> Blocks)
{
    public ReplyDocument(params ReplyBlock[] blocks) : this((IReadOnlyList<ReplyBlock>)blocks)
    {
    }

    /// <summary>The structure as JSON for the console to render: <c>[{kind: paragraph|heading, text} | {kind: list, items: [{code, text}]} | {kind: table, columns, rows}]</c>.</summary>
    public JsonArray ToJson() => new(Blocks.Select(block => (JsonNode)(block switch
    {
        ReplyParagraph p => new JsonObject { ["kind"] = p.Heading ? "heading" : "paragraph", ["text"] = p.Text },
        ReplyList list => new JsonObject
        {
            ["kind"] = "list",
            ["items"] = new JsonArray(list.Items.Select(i => (JsonNode)new JsonObject { ["code"] = i.Code, ["text"] = i.Text }).ToArray()),
        },
        ReplyTable table => new JsonObject
        {
            ["kind"] = "table",
            ["columns"] = new JsonArray(table.Columns.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["rows"] = new JsonArray(table.Rows.Select(r => (JsonNode)new JsonArray(r.Select(c => (JsonNode)JsonValue.Create(c)).ToArray())).ToArray()),
        },
        _ => new JsonObject { ["kind"] = "paragraph", ["text"] = "" },
    })).ToArray());

    /// <summary>The same structure as plain text: lists as "• " lines, a table as one "a · b · c" line per row.</summary>
    public string PlainText()
    {
        var text = new StringBuilder();
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case ReplyParagraph p:
                    text.AppendLine(p.Text);
                    break;
                case ReplyList list:
                    foreach (var item in list.Items)
                    {
                        text.AppendLine(item.Code is null ? $"• {item.Text}" : $"• {item.Code} — {item.Text}");
                    }

                    break;
                case ReplyTable table:
                    foreach (var row in table.Rows)
                    {
                        text.AppendLine(string.Join(" · ", row));
                    }

                    break;
            }
        }

        return text.ToString().TrimEnd();
    }
}
