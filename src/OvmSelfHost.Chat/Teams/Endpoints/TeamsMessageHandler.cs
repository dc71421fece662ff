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
/// activity is acknowledged at once; the command runs in the background and the answer is a reply
/// in the conversation. A started migration's card is posted in the same conversation.
/// </summary>
internal sealed class TeamsMessageHandler(
    PeopleDirectory people, CommandExecutor executor, ChatWorkQueue queue, DeliveryDeduplicator deduplicator,
    TeamsReplies replies, TeamsInstallations installations, IOutbox outbox)
{
    public void Handle(TeamsActivity activity)
    {
        if (activity.From?.Role == "bot" || activity.Conversation?.Id is null
            || (activity.Id is { } id && !deduplicator.TryClaim($"teams:activity:{activity.Conversation.Id}:{id}")))
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

        queue.Enqueue($"teams ovm {command.Verb}", ct => RunAsync(person.Name, command.Verb, text, activity, ct));
    }

    private async Task RunAsync(string user, string verb, string text, TeamsActivity activity, CancellationToken cancellationToken)
    {
        var reply = verb == "help" ? CommandReply.Done(HelpText.Text) : await executor.ExecuteAsync(user, TeamsChannel.Name, text, cancellationToken);
        if (verb == "start" && reply.Succeeded && reply.MigrationId is { } id && TeamsConversationRef.From(activity) is { } here)
        {
            await installations.SaveHomeAsync(id, here, activity.Id ?? "", cancellationToken);
            await outbox.AddAsync(OutboxMessage.ForRun(TeamsChannel.Name, id, null), cancellationToken);
        }

        await replies.ReplyAsync(activity, reply.Text, cancellationToken);
    }
}
