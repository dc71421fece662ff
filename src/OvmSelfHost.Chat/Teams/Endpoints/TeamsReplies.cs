using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Connector;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>Replies to an activity in its conversation: a structured reply as markdown, other multi-line answers as a code block.</summary>
internal sealed class TeamsReplies(ConnectorClient connector)
{
    public Task ReplyAsync(TeamsActivity to, string text, CancellationToken cancellationToken) =>
        connector.ReplyAsync(to.ServiceUrl!, to.Conversation!.Id!, to.Id ?? "", TeamsActivity.Message(Format(text)), cancellationToken);

    public Task ReplyAsync(TeamsActivity to, Commands.CommandReply reply, CancellationToken cancellationToken) =>
        reply.Document is { } document
            ? connector.ReplyAsync(to.ServiceUrl!, to.Conversation!.Id!, to.Id ?? "", TeamsActivity.Message(Limit(TeamsReplyMarkdown.Render(document))), cancellationToken)
            : ReplyAsync(to, reply.Text, cancellationToken);

    private static string Limit(string text) => text.Length <= 20000 ? text : text[..19999] + "…";

    public static string Format(string text)
    {
        var limited = text.Length <= 20000 ? text : text[..19999] + "…";
        return limited.Contains('\n', StringComparison.Ordinal) ? $"```\n{limited}\n```" : limited;
    }
}
