using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Conversations;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>
/// A <c>message</c> activity: the words after the @mention are the shared command language. The
/// activity is claimed by its id before anything else (a redelivery, also after a restart or on
/// another replica, changes nothing; Teams takes no answer but the acknowledgement), acknowledged
/// at once, and its command runs in the background; the answer is a reply in the conversation. A
/// started migration's card is posted in the same conversation.
/// </summary>
internal sealed class TeamsMessageHandler(
    PeopleDirectory people, CommandExecutor executor, ChatWorkQueue queue, IDeliveryClaims claims,
    TeamsReplies replies, TeamsInstallations installations, IOutbox outbox)
{
    public async Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        // Without an id a message cannot be told from its redeliveries, so it is not acted on.
        if (activity.From?.Role == "bot" || activity.Conversation?.Id is not { } conversation || activity.Id is not { Length: > 0 } id)
        {
            return;
        }

        var key = DeliveryKey.Of("teams-activity", conversation, id);
        if (!(await claims.ClaimAsync(key, TeamsChannel.Name, cancellationToken)).IsFirst)
        {
            return;
        }

        var text = TeamsMentionText.Command(activity.Text);
        if (people.ByTeamsObjectId(activity.From?.AadObjectId) is not { } person)
        {
            queue.Enqueue("teams reply (unlinked)", ct => replies.ReplyAsync(activity,
                $"Your Teams account ({activity.From?.Name ?? "unknown"}, {activity.From?.AadObjectId ?? "no AAD object id"}) is not linked to a configured user, so nothing was done. Ask an administrator to add your TeamsObjectId under Users.", ct));
            return;
        }

        var (command, error) = CommandParser.Parse(text);
        if (command is null)
        {
            queue.Enqueue("teams reply (unknown command)", ct => replies.ReplyAsync(activity, error!, ct));
            return;
        }

        var receipt = await executor.ReceiveAsync(text, cancellationToken);
        queue.Enqueue($"teams ovm {command.Verb}", ct => RunAsync(key, person.Name, command.Verb, text, receipt, activity, ct));
    }

    private async Task RunAsync(string key, string user, string verb, string text, CommandReceipt? receipt, TeamsActivity activity, CancellationToken cancellationToken)
    {
        var reply = verb == "help"
            ? CommandReply.Done(Replies.ChatReplies.Help())
            : await claims.ActAsync(key, () => executor.ExecuteAsync(user, TeamsChannel.Name, text, cancellationToken, receipt), _ => null, cancellationToken);
        if (verb == "start" && reply.Succeeded && reply.MigrationId is { } id && TeamsConversationRef.From(activity) is { } here)
        {
            await installations.SaveHomeAsync(id, here, activity.Id ?? "", cancellationToken);
            await outbox.AddAsync(OutboxMessage.ForRun(TeamsChannel.Name, id, null), cancellationToken);
        }

        await replies.ReplyAsync(activity, reply, cancellationToken);
    }
}
