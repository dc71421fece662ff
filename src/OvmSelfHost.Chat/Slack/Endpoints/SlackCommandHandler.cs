using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.People;
using Microsoft.AspNetCore.Http;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/commands</c>: the shared command language behind <c>/ovm</c>. Answers at once
/// (help, a refusal, or "working on it"), runs the command in the background, and sends the result
/// to the command's response_url. Each request is claimed by its signature and timestamp before
/// anything else: the same signed bytes sent again (within the 5 minutes the signature is good for,
/// after a restart, on another replica) change nothing and are answered with the first result.
/// </summary>
internal sealed class SlackCommandHandler(
    PeopleDirectory people, CommandExecutor executor, ChatWorkQueue queue, SlackResponseUrlClient replies, IDeliveryClaims claims)
{
    public const string StillWorking = "This command was already received and is still being handled; nothing more was done.";

    private const string Unreadable = "This command could not be read (no user_id or response_url); nothing was done.";

    public async Task<IResult> HandleAsync(byte[] body, string? timestamp, string? signature, CancellationToken cancellationToken)
    {
        var form = SlackForm.Parse(body);
        var answer = await AnswerAsync(form, DeliveryKey.Of("slack-command", timestamp, signature), cancellationToken);
        return answer is null ? SlackAnswers.Malformed(Unreadable) : SlackAnswers.Ephemeral(answer);
    }

    /// <summary>
    /// The command behind either transport: claimed by <paramref name="key"/> (the signature over HTTP,
    /// the envelope id in Socket Mode) before anything else.
    /// </summary>
    /// <returns>The immediate answer; null when the command is not what Slack sends (nothing done).</returns>
    public async Task<string?> AnswerAsync(SlackForm form, string key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(form["user_id"]) || !Uri.TryCreate(form["response_url"], UriKind.Absolute, out _))
        {
            // Not what Slack sends: nothing to remember, nothing done.
            return null;
        }

        var claim = await claims.ClaimAsync(key, SlackChannel.Name, cancellationToken);
        if (!claim.IsFirst)
        {
            return claim.FirstAnswer ?? StillWorking;
        }

        var (answer, work) = await ReceiveAsync(form, cancellationToken);
        if (work is null)
        {
            await claims.AnswerAsync(key, answer, cancellationToken);
        }
        else
        {
            queue.Enqueue($"slack /ovm {work.Verb}", ct => RunAsync(key, work, ct));
        }

        return answer;
    }

    /// <returns>The immediate answer, and the work to hand to the background if any.</returns>
    private async Task<(string Answer, Work? Work)> ReceiveAsync(
        SlackForm form, CancellationToken cancellationToken)
    {
        var (userId, text, responseUrl) = (form["user_id"], form["text"], form["response_url"]);
        if (string.IsNullOrEmpty(userId) || !Uri.TryCreate(responseUrl, UriKind.Absolute, out _))
        {
            return (Unreadable, null);
        }

        if (people.BySlackUserId(userId) is not { } person)
        {
            return ($"Your Slack account ({userId}) is not linked to a configured user, so nothing was done. Ask an administrator to add your SlackUserId under Users.", null);
        }

        var (command, error) = CommandParser.Parse(text);
        if (command is null)
        {
            return (error!, null);
        }

        if (command.Verb == "help")
        {
            return (SlackAnswers.Format(Replies.ChatReplies.Help().PlainText()), null);
        }

        var receipt = await executor.ReceiveAsync(text, cancellationToken);
        return ($"Working on `/ovm {command.Verb}`…", new Work(command.Verb, person.Name, text!, responseUrl!, receipt));
    }

    private async Task RunAsync(string key, Work work, CancellationToken cancellationToken)
    {
        var reply = await claims.ActAsync(key,
            () => executor.ExecuteAsync(work.User, SlackChannel.Name, work.Text, cancellationToken, work.Receipt),
            r => SlackAnswers.Format(r.Text), cancellationToken);
        await replies.ReplyAsync(work.ResponseUrl, SlackAnswers.Format(reply.Text), ephemeral: true, cancellationToken,
            reply.Document is { } document ? Messages.SlackReplyBlocks.Render(document) : null);
    }

    /// <summary>A command handed to the background, with the gate opening a decision in it was bound to on arrival.</summary>
    private sealed record Work(string Verb, string User, string Text, string ResponseUrl, CommandReceipt? Receipt);
}
