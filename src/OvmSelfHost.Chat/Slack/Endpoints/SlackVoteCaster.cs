using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.WebApi;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// Casts a button's vote for the Slack user who clicked: maps the Slack user to a person (Users by
/// SlackUserId) and shows the runbook's answer, which makes every check of the vote (approver role,
/// the very gate opening of the button still waiting). Every answer is ephemeral, to the clicker
/// only; a refusal records nothing.
/// </summary>
internal sealed class SlackVoteCaster(
    PeopleDirectory people,
    MigrationEngine engine,
    SlackWebApiClient slack,
    SlackResponseUrlClient replies,
    IOutbox outbox,
    IDeliveryClaims claims,
    ApprovalLinkOffer links)
{
    /// <summary>A button rejection carries this reason; a written reason goes through /ovm reject.</summary>
    public const string ButtonRejectReason = "rejected with the Slack button";

    /// <param name="claim">The click's delivery claim: released when the vote fails, so that a retry is handled.</param>
    public async Task CastAsync(SlackClick click, ProposalKey key, VoteDecision decision, string claim, CancellationToken cancellationToken)
    {
        if (people.BySlackUserId(click.UserId) is not { } person)
        {
            await ReplyAsync(click, $"{await NameOfAsync(click.UserId, cancellationToken)} ({click.UserId}) is not a configured user; nothing was recorded. Ask an administrator to add your SlackUserId under Users.", cancellationToken);
            return;
        }

        if (decision == VoteDecision.Approve && await links.OfferAsync(key, SlackChannel.Name, click.UserId, person, cancellationToken) is { } offer)
        {
            await ReplyAsync(click, offer, cancellationToken);
            return;
        }

        var reason = decision == VoteDecision.Reject ? ButtonRejectReason : null;
        var outcome = await claims.ActAsync(claim,
            () => engine.DecideAsync(key.MigrationId, person.Name, SlackChannel.Name, decision, reason, cancellationToken, key.Opening),
            _ => null, cancellationToken);
        if (outcome.Kind == OutcomeKind.Conflict && outcome.Run is { } run)
        {
            // A stale button: redraw the run's messages so it disappears.
            await outbox.AddAsync(OutboxMessage.ForRun(SlackChannel.Name, run.Id, null), cancellationToken);
        }

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
