using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.People;
using Microsoft.AspNetCore.Http;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/commands</c>: the shared command language behind <c>/ovm</c>. Answers at once
/// (help, a refusal, or "working on it"), runs the command in the background, and sends the result
/// to the command's response_url.
/// </summary>
internal sealed class SlackCommandHandler(PeopleDirectory people, CommandExecutor executor, ChatWorkQueue queue, SlackResponseUrlClient replies)
{
    public IResult Handle(byte[] body)
    {
        var form = SlackForm.Parse(body);
        var (userId, text, responseUrl) = (form["user_id"], form["text"], form["response_url"]);
        if (string.IsNullOrEmpty(userId) || !Uri.TryCreate(responseUrl, UriKind.Absolute, out _))
        {
            return SlackAnswers.Malformed("This command could not be read (no user_id or response_url); nothing was done.");
        }

        if (people.BySlackUserId(userId) is not { } person)
        {
            return SlackAnswers.Ephemeral($"Your Slack account ({userId}) is not linked to a configured user, so nothing was done. Ask an administrator to add your SlackUserId under Users.");
        }

        var (command, error) = CommandParser.Parse(text);
        if (command is null)
        {
            return SlackAnswers.Ephemeral(error!);
        }

        if (command.Verb == "help")
        {
            return SlackAnswers.Ephemeral(SlackAnswers.Format(HelpText.Text));
        }

        queue.Enqueue($"slack /ovm {command.Verb}", ct => RunAsync(person.Name, text!, responseUrl!, ct));
        return SlackAnswers.Ephemeral($"Working on `/ovm {command.Verb}`…");
    }

    private async Task RunAsync(string user, string text, string responseUrl, CancellationToken cancellationToken)
    {
        var reply = await executor.ExecuteAsync(user, SlackChannel.Name, text, cancellationToken);
        await replies.ReplyAsync(responseUrl, SlackAnswers.Format(reply.Text), ephemeral: true, cancellationToken);
    }
}
