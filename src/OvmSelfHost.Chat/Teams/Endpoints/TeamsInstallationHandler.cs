using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Conversations;
using OvmSelfHost.Chat.Teams.Outbox;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>
/// A <c>conversationUpdate</c> that adds the bot: remember the conversation (serviceUrl, tenant,
/// team channel) for proactive cards, and say hello there (through the outbox).
/// </summary>
internal sealed class TeamsInstallationHandler(TeamsInstallations installations, ChatWorkQueue queue, IOutbox outbox)
{
    public const string Welcome = "OvmSelfHost is installed here: migrations started from anywhere get their card in this place. Mention me with help for the commands.";

    public void Handle(TeamsActivity activity)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null || activity.MembersAdded?.Any(m => m.Id == botId) != true || TeamsConversationRef.From(activity) is not { } here)
        {
            return;
        }

        queue.Enqueue("teams installation", async ct =>
        {
            await installations.SaveInstallationAsync(here, ct);
            await outbox.AddAsync(TeamsRunPublisher.Post(here, Welcome), ct);
        });
    }
}
