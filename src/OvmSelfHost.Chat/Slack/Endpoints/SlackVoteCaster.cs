using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// Casts a button's vote for the Slack user who clicked, after checking who they are (Users by
/// SlackUserId, approver role) and that the very gate opening of the button still waits. Every
/// answer is ephemeral, to the clicker only; a refusal records nothing.
/// </summary>
internal sealed class SlackVoteCaster(
    PeopleDirectory people,
    MigrationEngine engine,
    SlackWebApiClient slack,
    SlackResponseUrlClient replies,
    IOutbox outbox)
{
    /// <summary>A button rejection carries this reason; a written reason goes through /ovm reject.</summary>
    public const string ButtonRejectReason = "rejected with the Slack button";

    public async Task CastAsync(SlackClick click, ProposalKey key, VoteDecision decision, CancellationToken cancellationToken)
    {
        if (people.BySlackUserId(click.UserId) is not { } person)
        {
            await ReplyAsync(click, $"{await NameOfAsync(click.UserId, cancellationToken)} ({click.UserId}) is not a configured user; nothing was recorded. Ask an administrator to add your SlackUserId under Users.", cancellationToken);
            return;
        }

        if (!person.Is(PersonRole.Approver))
        {
            await ReplyAsync(click, $"{person.Name} is not an approver; nothing was recorded. Approvers: {string.Join(", ", people.Approvers.Select(p => p.Name))}.", cancellationToken);
            return;
        }

        var run = await engine.FindAsync(key.MigrationId, cancellationToken);
        if (run is null)
        {
            await ReplyAsync(click, $"Migration {RunText.ShortId(key.MigrationId)} no longer exists; nothing was recorded. See /ovm status.", cancellationToken);
            return;
        }

        if (GateProposals.OpenKey(run) != key)
        {
            await outbox.AddAsync(OutboxMessage.ForRun(SlackChannel.Name, run.Id, null), cancellationToken);
            await ReplyAsync(click, $"Gate {key.Gate} of phase {key.Phase} of {RunText.ShortId(run.Id)} is no longer waiting (the migration is {run.State}); nothing was recorded.", cancellationToken);
            return;
        }

        var reason = decision == VoteDecision.Reject ? ButtonRejectReason : null;
        // The engine checks the opening again under its lock: the gate may close between here and there.
        var outcome = await engine.DecideAsync(run.Id, person.Name, SlackChannel.Name, decision, reason, cancellationToken,
            new GateOpening(key.Phase, key.Gate, key.Round));
        await ReplyAsync(click, outcome.Message, cancellationToken);
    }

    public async Task ReplyAsync(SlackClick click, string text, CancellationToken cancellationToken)
    {
        if (click.ResponseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            await replies.ReplyAsync(url, SlackAnswers.Format(text), ephemeral: true, cancellationToken);
        }
        else if (click.ChannelId is { } channel)
        {
            await slack.PostEphemeralAsync(new SlackEphemeralMessage(channel, click.UserId, SlackAnswers.Format(text)), cancellationToken);
        }
    }

    private async Task<string> NameOfAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var user = await slack.UserInfoAsync(userId, cancellationToken);
            return user.RealName is { Length: > 0 } real ? real : user.Name;
        }
        catch (SlackApiException)
        {
            return "This Slack account";
        }
    }
}
