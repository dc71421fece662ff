using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/interactions</c>: Approve / Reject clicks on a proposal. Acknowledged at once; the
/// vote itself is cast in the background by <see cref="SlackVoteCaster"/>. A click is claimed before
/// anything else by who clicked which button of which gate opening: a person decides an opening
/// once, so a replayed payload or a second click of the same button, also after a restart or on
/// another replica, changes nothing (Slack takes no answer but the acknowledgement).
/// </summary>
internal sealed class SlackInteractionHandler(IDeliveryClaims claims, ChatWorkQueue queue, SlackVoteCaster voter)
{
    public Task<IResult> HandleAsync(byte[] body, CancellationToken cancellationToken) =>
        HandlePayloadAsync(SlackForm.Parse(body)["payload"], cancellationToken);

    /// <summary>The interaction payload itself: the form's <c>payload</c> field over HTTP, the envelope's payload in Socket Mode.</summary>
    public async Task<IResult> HandlePayloadAsync(string? payload, CancellationToken cancellationToken)
    {
        var click = SlackClick.TryParse(payload);
        if (click is null)
        {
            return SlackAnswers.Malformed("That button press could not be read (the payload is not the JSON Slack sends); nothing was changed.");
        }

        if (click.Type != "block_actions")
        {
            return SlackAnswers.Acknowledge();
        }

        if (Decision(click.ActionId) is not { } decision || !ProposalKey.TryParse(click.Value, out var key))
        {
            queue.Enqueue("slack unknown button", ct => voter.ReplyAsync(click, "This button is not one of an open migration gate; nothing was changed. See /ovm status.", ct));
            return SlackAnswers.Acknowledge();
        }

        var claim = DeliveryKey.Of("slack-click", click.UserId, click.ActionId, key!.ToString());
        if (!(await claims.ClaimAsync(claim, SlackChannel.Name, cancellationToken)).IsFirst)
        {
            return SlackAnswers.Acknowledge();
        }

        queue.Enqueue($"slack {click.ActionId}", ct => voter.CastAsync(click, key, decision, claim, ct));
        return SlackAnswers.Acknowledge();
    }

    private static VoteDecision? Decision(string? actionId) => actionId switch
    {
        SlackProposalMessage.ApproveAction => VoteDecision.Approve,
        SlackProposalMessage.RejectAction => VoteDecision.Reject,
        _ => null,
    };
}
