using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.Outbox;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>Runs a mention's command in the background and answers in the mention's thread (through the outbox); refusals are ephemeral.</summary>
internal sealed class SlackMentionHandler(PeopleDirectory people, CommandExecutor executor, SlackWebApiClient slack, IOutbox outbox)
{
    /// <summary>Captures, as the event arrives, the gate opening a typed decision in it is bound to.</summary>
    public Task<CommandReceipt?> ReceiveAsync(SlackMention mention, CancellationToken cancellationToken) =>
        executor.ReceiveAsync(mention.Text, cancellationToken);

    public async Task HandleAsync(SlackMention mention, CommandReceipt? receipt, CancellationToken cancellationToken)
    {
        if (people.BySlackUserId(mention.UserId) is not { } person)
        {
            await EphemeralAsync(mention, $"Your Slack account ({mention.UserId}) is not linked to a configured user, so nothing was done. Ask an administrator to add your SlackUserId under Users.", cancellationToken);
            return;
        }

        var (command, error) = CommandParser.Parse(mention.Text);
        if (command is null)
        {
            await EphemeralAsync(mention, error!, cancellationToken);
            return;
        }

        var reply = command.Verb == "help"
            ? Commands.CommandReply.Done(Replies.ChatReplies.Help())
            : await executor.ExecuteAsync(person.Name, SlackChannel.Name, mention.Text, cancellationToken, receipt);
        var text = reply.Document is { } document ? Messages.SlackReplyBlocks.Mrkdwn(document) : SlackAnswers.Format(reply.Text);
        await outbox.AddAsync(SlackRunPublisher.Post(mention.Channel, mention.ThreadTs, text), cancellationToken);
    }

    private Task EphemeralAsync(SlackMention mention, string text, CancellationToken cancellationToken) =>
        slack.PostEphemeralAsync(new SlackEphemeralMessage(mention.Channel, mention.UserId, SlackAnswers.Format(text), mention.ThreadTs), cancellationToken);
}
