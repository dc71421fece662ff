using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Slack.Publishing;

/// <summary>
/// Brings a migration's Slack messages up to date with its stored state: posts or edits the one
/// channel message, adds lines to its thread, posts each gate opening in the thread, and replaces
/// the buttons of every gate that is no longer open. Called for one migration at a time.
/// </summary>
public sealed class SlackRunPublisher(MigrationEngine engine, SlackWebApiClient slack, IChatMessageStore messages, IOptions<SlackOptions> options)
{
    public const string ChannelName = SlackChannel.Name;

    public async Task PublishAsync(Guid migrationId, IReadOnlyList<string> threadLines, CancellationToken cancellationToken)
    {
        var run = await engine.FindAsync(migrationId, cancellationToken);
        if (run is null)
        {
            return;
        }

        var stored = await messages.ListAsync(ChannelName, run.Id, cancellationToken);
        var main = await RunMessageAsync(run, stored.FirstOrDefault(m => m.Key == ChatMessageRef.RunKey), cancellationToken);
        if (threadLines.Count > 0)
        {
            var text = SlackText.Limit(string.Join('\n', threadLines), 3900);
            await slack.PostMessageAsync(new SlackMessage(main.Conversation, text, ThreadTs: main.MessageId), cancellationToken);
        }

        await GatesAsync(run, main, stored, cancellationToken);
    }

    private async Task<ChatMessageRef> RunMessageAsync(MigrationRun run, ChatMessageRef? main, CancellationToken cancellationToken)
    {
        if (main is not null)
        {
            await slack.UpdateAsync(SlackRunMessage.Render(run, engine.Settings, main.Conversation, main.MessageId), cancellationToken);
            return main;
        }

        var posted = await slack.PostMessageAsync(SlackRunMessage.Render(run, engine.Settings, options.Value.Channel!), cancellationToken);
        main = new ChatMessageRef(ChannelName, run.Id, ChatMessageRef.RunKey, posted.Channel, posted.Ts);
        await messages.SaveAsync(main, cancellationToken);
        return main;
    }

    private async Task GatesAsync(MigrationRun run, ChatMessageRef main, IReadOnlyList<ChatMessageRef> stored, CancellationToken cancellationToken)
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

        if (open is not null)
        {
            await OpenGateAsync(run, open, main, stored.FirstOrDefault(m => m.Key == openKey), cancellationToken);
        }
    }

    private async Task OpenGateAsync(MigrationRun run, ProposalKey open, ChatMessageRef main, ChatMessageRef? existing, CancellationToken cancellationToken)
    {
        var proposal = GateProposals.Describe(run, open, engine.Settings);
        if (existing is not null)
        {
            await slack.UpdateAsync(SlackProposalMessage.Render(proposal, existing.Conversation, main.MessageId, existing.MessageId), cancellationToken);
            return;
        }

        var posted = await slack.PostMessageAsync(SlackProposalMessage.Render(proposal, main.Conversation, main.MessageId), cancellationToken);
        await messages.SaveAsync(new ChatMessageRef(ChannelName, run.Id, ChatMessageRef.GateKey(open), posted.Channel, posted.Ts), cancellationToken);
    }
}
