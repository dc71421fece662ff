using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Replies;

namespace OvmSelfHost.Chat.Slack.Messages;

/// <summary>
/// A <see cref="ReplyDocument"/> as Block Kit: paragraphs as mrkdwn sections (headings bold), lists as
/// "•" lines with the command in code, a table as one section of fields per row (the first cell bold
/// as its title). Slack allows 50 blocks: rows past that are summed up in a context line.
/// </summary>
public static class SlackReplyBlocks
{
    private const int MaxBlocks = 48;

    public static JsonArray Render(ReplyDocument document)
    {
        var blocks = new JsonArray();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReplyParagraph p:
                    blocks.Add(BlockKit.Section(p.Heading ? $"*{SlackText.Escape(p.Text)}*" : SlackText.Escape(p.Text)));
                    break;
                case ReplyList list:
                    foreach (var chunk in list.Items.Select(Line).Chunk(20))
                    {
                        blocks.Add(BlockKit.Section(string.Join('\n', chunk)));
                    }

                    break;
                case ReplyTable table:
                    AddTable(blocks, table);
                    break;
            }
        }

        return blocks;
    }

    /// <summary>The same document as one mrkdwn text (a thread reply through the outbox carries text only): a table row's cells joined by " · ".</summary>
    public static string Mrkdwn(ReplyDocument document) => SlackText.Limit(string.Join('\n', Render(document).Select(b =>
        b!["text"]?["text"]?.GetValue<string>()
        ?? string.Join(" · ", b["fields"]?.AsArray().Select(f => f!["text"]!.GetValue<string>().Replace('\n', ' ')) ?? [])
        ?? b["elements"]?[0]?["text"]?.GetValue<string>())), 3900);

    private static string Line(ReplyItem item) =>
        item.Code is null ? $"• {SlackText.Escape(item.Text)}" : $"• `{SlackText.Escape(item.Code)}` {SlackText.Escape(item.Text)}";

    private static void AddTable(JsonArray blocks, ReplyTable table)
    {
        var room = Math.Max(1, MaxBlocks - blocks.Count - 2);
        foreach (var row in table.Rows.Take(room))
        {
            var fields = row.Select((cell, i) => i == 0
                ? $"*{SlackText.Escape(cell)}*"
                : $"*{SlackText.Escape(table.Columns[i])}*\n{SlackText.Escape(cell)}");
            blocks.Add(BlockKit.Fields([.. fields]));
        }

        if (table.Rows.Count > room)
        {
            blocks.Add(BlockKit.Context($"…and {table.Rows.Count - room} more (the web console lists them all)."));
        }
    }
}
