using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>
/// The outbox's Slack target. A migration's rows bring its Slack messages up to date with its stored
/// state: post or edit the one channel message, add the rows' lines to its thread, post each gate
/// opening in the thread, and replace the buttons of every gate that is no longer open. Other rows
/// are posts (a mention's answer). Every post is an intent (<see cref="SlackPostIntents"/>) and is
/// remembered in the message store as soon as Slack accepted it, so a delivery tried again after a
/// failure half-way, or by another replica after a kill, posts nothing twice. The run is read after
/// the relay read the rows, so the thread also gets the lines written since (<see cref="IOutboxBacklog"/>):
/// a gate's card never comes before the line that announces it.
/// </summary>
public sealed class SlackRunPublisher(
    MigrationEngine engine, SlackOutboxApi slack, IChatMessageStore messages, SlackPostIntents intents, IOutboxBacklog backlog, IOptions<SlackOptions> options)
    : IOutboxTarget
{
    public const string ChannelName = SlackChannel.Name;

    /// <summary>The stored ref whose message id is the last outbox row whose line is in the thread.</summary>
    public const string ThreadKey = "thread";

    private const int MaxText = 3900;

    public string Channel => ChannelName;

    /// <summary>A post in <paramref name="channel"/> (in the thread of <paramref name="threadTs"/>), through the outbox.</summary>
    public static OutboxMessage Post(string channel, string? threadTs, string text) =>
        OutboxMessage.Post(ChannelName, $"{channel}/{threadTs}", JsonSerializer.Serialize(new SlackMessage(channel, "", ThreadTs: threadTs), SlackJson.Options), text);

    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> rows, OutboxHold hold, CancellationToken cancellationToken)
    {
        try
        {
            if (rows[0].MigrationId is { } migrationId)
            {
                await PublishAsync(migrationId, rows, hold, cancellationToken);
                return;
            }

            foreach (var row in rows)
            {
                var to = JsonSerializer.Deserialize<SlackMessage>(row.Address ?? "{}", SlackJson.Options) ?? throw new OutboxDeliveryException("a Slack post without an address", null);
                await hold.ConfirmAsync(cancellationToken);
                await slack.PostMessageAsync(to with { Text = row.Line ?? "" }, cancellationToken);
            }
        }
        catch (SlackApiException failed)
        {
            throw new OutboxDeliveryException(failed.Message, failed.RetryAfter, failed);
        }
    }

    private async Task PublishAsync(Guid migrationId, IReadOnlyList<OutboxMessage> rows, OutboxHold hold, CancellationToken cancellationToken)
    {
        var run = await engine.FindAsync(migrationId, cancellationToken);
        if (run is null)
        {
            return;
        }

        // Read after the run: every line written up to the state this delivery shows, the given rows' and any since.
        var lines = rows.Concat(await backlog.AfterAsync(ChannelName, rows[0].Conversation, rows[^1].Id, cancellationToken)).ToList();
        var stored = await intents.ObserveAsync(run.Id, cancellationToken);
        var main = await RunMessageAsync(run, stored.FirstOrDefault(m => m.Key == ChatMessageRef.RunKey), hold, cancellationToken);
        await ThreadAsync(run, main, stored.FirstOrDefault(m => m.Key == ThreadKey), lines, hold, cancellationToken);
        await GatesAsync(run, main, stored, hold, cancellationToken);
    }

    private async Task<ChatMessageRef> RunMessageAsync(MigrationRun run, ChatMessageRef? main, OutboxHold hold, CancellationToken cancellationToken)
    {
        if (main is not null)
        {
            await slack.UpdateAsync(SlackRunMessage.Render(run, engine.Settings, main.Conversation, main.MessageId), cancellationToken);
            return main;
        }

        await intents.RecordAsync(hold, run.Id, options.Value.Channel!, ChatMessageRef.RunKey, cancellationToken);
        var posted = await slack.PostMessageAsync(
            SlackRunMessage.Render(run, engine.Settings, options.Value.Channel!) with { Metadata = SlackPostIntents.Tag(run.Id, ChatMessageRef.RunKey) }, cancellationToken);
        main = new ChatMessageRef(ChannelName, run.Id, ChatMessageRef.RunKey, posted.Channel, posted.Ts);
        await messages.SaveAsync(main, cancellationToken);
        return main;
    }

    /// <summary>The rows' lines not yet in the thread, as few posts as Slack's length limit allows, each remembered once accepted.</summary>
    private async Task ThreadAsync(MigrationRun run, ChatMessageRef main, ChatMessageRef? through, IReadOnlyList<OutboxMessage> rows, OutboxHold hold, CancellationToken cancellationToken)
    {
        var shown = long.TryParse(through?.MessageId, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        var pending = rows.Where(r => r.Id > shown && r.Line is not null).ToList();
        while (pending.Count > 0)
        {
            var chunk = Chunk(pending);
            var text = SlackText.Limit(string.Join('\n', chunk.Select(r => r.Line)), MaxText);
            var post = SlackPostIntents.ThreadPost(chunk[^1].Id);
            await intents.RecordAsync(hold, run.Id, main.Conversation, post, cancellationToken);
            await slack.PostMessageAsync(new SlackMessage(main.Conversation, text, ThreadTs: main.MessageId, Metadata: SlackPostIntents.Tag(run.Id, post)), cancellationToken);
            await messages.SaveAsync(new ChatMessageRef(ChannelName, run.Id, ThreadKey, main.Conversation, chunk[^1].Id.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            pending.RemoveRange(0, chunk.Count);
        }
    }

    private static List<OutboxMessage> Chunk(List<OutboxMessage> pending)
    {
        var chunk = new List<OutboxMessage> { pending[0] };
        var length = pending[0].Line!.Length;
        foreach (var row in pending.Skip(1))
        {
            length += row.Line!.Length + 1;
            if (length > MaxText)
            {
                break;
            }

            chunk.Add(row);
        }

        return chunk;
    }

    private async Task GatesAsync(MigrationRun run, ChatMessageRef main, IReadOnlyList<ChatMessageRef> stored, OutboxHold hold, CancellationToken cancellationToken)
    {
        var open = GateProposals.OpenKey(run);
        var openKey = open is null ? null : ChatMessageRef.GateKey(open);
        foreach (var gate in stored.Where(m => m.Key.StartsWith("gate:", StringComparison.Ordinal) && !m.Closed && m.Key != openKey))
        {
            if (ProposalKey.TryParse(gate.Key["gate:".Length..], out var key))
            {
                var proposal = GateProposals.Describe(run, key!, engine.Settings);
                await slack.UpdateAsync(SlackProposalMessage.Render(proposal, gate.Conversation, main.MessageId, gate.MessageId), cancellationToken);
            }

            await messages.SaveAsync(gate with { Closed = true }, cancellationToken);
        }

        // An opening decided before its proposal reached Slack (a quick vote elsewhere, a relay taken over) still gets
        // its one card, showing how it was decided: the thread holds every gate people were asked about.
        foreach (var decided in GateProposals.Keys(run).Where(k => k != open && stored.All(m => m.Key != ChatMessageRef.GateKey(k))))
        {
            await messages.SaveAsync(await PostProposalAsync(run, decided, main, hold, cancellationToken) with { Closed = true }, cancellationToken);
        }

        if (open is not null)
        {
            await OpenGateAsync(run, open, main, stored.FirstOrDefault(m => m.Key == openKey), hold, cancellationToken);
        }
    }

    private async Task OpenGateAsync(MigrationRun run, ProposalKey open, ChatMessageRef main, ChatMessageRef? existing, OutboxHold hold, CancellationToken cancellationToken)
    {
        var proposal = GateProposals.Describe(run, open, engine.Settings);
        if (existing is not null)
        {
            await slack.UpdateAsync(SlackProposalMessage.Render(proposal, existing.Conversation, main.MessageId, existing.MessageId), cancellationToken);
            return;
        }

        await messages.SaveAsync(await PostProposalAsync(run, open, main, hold, cancellationToken), cancellationToken);
    }

    /// <summary>Posts the card of one opening in the run's thread, as an intent (recorded before, tagged in its metadata).</summary>
    private async Task<ChatMessageRef> PostProposalAsync(MigrationRun run, ProposalKey key, ChatMessageRef main, OutboxHold hold, CancellationToken cancellationToken)
    {
        var post = ChatMessageRef.GateKey(key);
        await intents.RecordAsync(hold, run.Id, main.Conversation, post, cancellationToken);
        var posted = await slack.PostMessageAsync(
            SlackProposalMessage.Render(GateProposals.Describe(run, key, engine.Settings), main.Conversation, main.MessageId)
                with { Metadata = SlackPostIntents.Tag(run.Id, post) }, cancellationToken);
        return new ChatMessageRef(ChannelName, run.Id, post, posted.Channel, posted.Ts);
    }
}
