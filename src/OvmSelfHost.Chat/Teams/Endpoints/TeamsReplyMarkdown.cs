using System.Text;
using OvmSelfHost.Chat.Replies;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>
/// A <see cref="ReplyDocument"/> as the markdown Teams renders in a message: headings bold, lists as
/// "- " lines with the command in code, a table as one line per row with its first cell bold and the
/// other cells labelled by their column.
/// </summary>
internal static class TeamsReplyMarkdown
{
    public static string Render(ReplyDocument document)
    {
        var parts = new List<string>();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReplyParagraph p:
                    parts.Add(p.Heading ? $"**{Escape(p.Text)}**" : Escape(p.Text));
                    break;
                case ReplyList list:
                    parts.Add(string.Join('\n', list.Items.Select(i => i.Code is null ? $"- {Escape(i.Text)}" : $"- `{i.Code}` {Escape(i.Text)}")));
                    break;
                case ReplyTable table:
                    var rows = new StringBuilder();
                    foreach (var row in table.Rows)
                    {
                        rows.Append("- **").Append(Escape(row[0])).Append("**");
                        for (var i = 1; i < row.Count; i++)
                        {
                            rows.Append(i == 1 ? " — " : " · ").Append(table.Columns[i]).Append(": ").Append(Escape(row[i]));
                        }

                        rows.Append('\n');
                    }

                    parts.Add(rows.ToString().TrimEnd());
                    break;
            }
        }

        return string.Join("\n\n", parts);
    }

    // Markdown's own characters in names and reasons are shown as typed.
    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
