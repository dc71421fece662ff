using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Connector;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>Replies to an activity in its conversation; multi-line answers as a code block so columns line up.</summary>
internal sealed class TeamsReplies(ConnectorClient connector)
{
    public Task ReplyAsync(TeamsActivity to, string text, CancellationToken cancellationToken) =>
        connector.ReplyAsync(to.ServiceUrl!, to.Conversation!.Id!, to.Id ?? "", TeamsActivity.Message(Format(text)), cancellationToken);

    public static string Format(string text)
    {
        var limited = text.Length <= 20000 ? text : text[..19999] + "…";
        return limited.Contains('\n', StringComparison.Ordinal) ? $"```\n{limited}\n```" : limited;
    }
}
