using System.Text.Json.Nodes;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Cards;
using OvmSelfHost.Chat.Teams.Connector;
using OvmSelfHost.Chat.Teams.Conversations;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Teams.Outbox;

/// <summary>
/// The outbox's Teams target. A migration's rows bring its one card up to date with its stored
/// state (however many rows wait, one update): the card is posted the first time (in the
/// conversation the migration was started from, else as a new thread in the channel where the bot
/// was installed last), then that same activity is updated. Remembers every gate opening it
/// showed, so a gate that closed without votes still appears as closed. Other rows are posts (the
/// welcome where the bot was installed).
/// </summary>
public sealed class TeamsRunPublisher(MigrationEngine engine, TeamsOutboxConnector connector, IChatMessageStore messages, TeamsInstallations installations, TeamsMembers members)
    : IOutboxTarget
{
    public const string GatePrefix = "gate:";

    public string Channel => TeamsChannel.Name;

    /// <summary>A post of <paramref name="text"/> in <paramref name="conversation"/>, through the outbox.</summary>
    public static OutboxMessage Post(TeamsConversationRef conversation, string text) =>
        OutboxMessage.Post(TeamsChannel.Name, conversation.ConversationId, conversation.ToJson(), text);

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> rows, OutboxHold hold, CancellationToken cancellationToken)
    {
        try
        {
            if (rows[0].MigrationId is { } migrationId)
            {
                await PublishAsync(migrationId, hold, cancellationToken);
                return;
            }

            foreach (var row in rows)
            {
                // Written only from an authenticated activity's conversation (see TeamsInstallations).
                var to = installations.Read(row.Address) ?? throw new OutboxDeliveryException("a Teams post without a conversation", null);
                await hold.ConfirmAsync(cancellationToken);
                await connector.SendAsync(to.ServiceUrl, to.ConversationId, TeamsActivity.Message(row.Line ?? ""), cancellationToken);
            }
        }
        catch (TeamsConnectorException failed)
        {
            throw new OutboxDeliveryException(failed.Message, failed.RetryAfter, failed);
        }
    }

    private async Task PublishAsync(Guid migrationId, OutboxHold hold, CancellationToken cancellationToken)
    {
        var run = await engine.FindAsync(migrationId, cancellationToken);
        if (run is null)
        {
            return;
        }

        var stored = await messages.ListAsync(TeamsChannel.Name, run.Id, cancellationToken);
        var open = GateProposals.OpenKey(run);
        if (open is not null && stored.All(m => m.Key != ChatMessageRef.GateKey(open)))
        {
            await messages.SaveAsync(new ChatMessageRef(TeamsChannel.Name, run.Id, ChatMessageRef.GateKey(open), "", ""), cancellationToken);
        }

        var activity = TeamsActivity.Message(null, Card(run, stored, TeamsCardViewer.Everyone));
        var card = stored.FirstOrDefault(m => m.Key == ChatMessageRef.RunKey);
        if (installations.Read(card) is { } at)
        {
            await connector.UpdateAsync(at.ServiceUrl, at.ConversationId, card!.MessageId, activity, cancellationToken);
            return;
        }

        await PostAsync(run, stored, activity, hold, cancellationToken);
    }

    /// <summary>The card as <paramref name="viewer"/> sees it, from the stored gate openings.</summary>
    public async Task<JsonObject> CardForAsync(MigrationRun run, TeamsCardViewer viewer, CancellationToken cancellationToken) =>
        Card(run, await messages.ListAsync(TeamsChannel.Name, run.Id, cancellationToken), viewer);

    private JsonObject Card(MigrationRun run, IReadOnlyList<ChatMessageRef> stored, TeamsCardViewer viewer)
    {
        var shown = stored.Where(m => m.Key.StartsWith(GatePrefix, StringComparison.Ordinal))
            .Select(m => ProposalKey.TryParse(m.Key[GatePrefix.Length..], out var key) ? key : null)
            .OfType<ProposalKey>();
        return TeamsRunCard.Render(run, engine.Settings, TeamsRunCard.VotedGates(run).Concat(shown), members.ApproverIds(), viewer);
    }

    private async Task PostAsync(MigrationRun run, IReadOnlyList<ChatMessageRef> stored, TeamsActivity activity, OutboxHold hold, CancellationToken cancellationToken)
    {
        var home = installations.Read(stored.FirstOrDefault(m => m.Key == TeamsInstallations.HomeKey));
        if (home is null && run.RequestedVia == TeamsChannel.Name)
        {
            return; // The command handler saves where it came from, then asks for this card again.
        }

        var target = home ?? await installations.LatestInstallationAsync(cancellationToken);
        if (target is null)
        {
            return;
        }

        await hold.ConfirmAsync(cancellationToken);
        TeamsConversationRef at;
        string activityId;
        if (home is null && target.IsChannel)
        {
            var created = await connector.CreateConversationAsync(target.ServiceUrl, new ConversationParameters
            {
                IsGroup = true,
                Activity = activity,
                TopicName = $"Migration {RunText.ShortId(run.Id)}",
                ChannelData = new JsonObject { ["channel"] = new JsonObject { ["id"] = target.TeamChannelId }, ["tenant"] = new JsonObject { ["id"] = target.TenantId } },
                TenantId = target.TenantId,
            }, cancellationToken);
            at = target with { ConversationId = created.Id ?? target.ConversationId };
            activityId = created.ActivityId ?? created.Id ?? "";
        }
        else
        {
            at = target;
            activityId = (await connector.SendAsync(target.ServiceUrl, target.ConversationId, activity, cancellationToken)).Id ?? "";
        }

        await messages.SaveAsync(new ChatMessageRef(TeamsChannel.Name, run.Id, ChatMessageRef.RunKey, at.ToJson(), activityId), cancellationToken);
    }
}
