using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Slack.Messages;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Chat.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/interactions</c>: Approve / Reject clicks on a proposal. Acknowledged at once; a
/// second click of the same button by the same person is recognised and changes nothing; the vote
/// itself is cast in the background by <see cref="SlackVoteCaster"/>.
/// </summary>
internal sealed class SlackInteractionHandler(DeliveryDeduplicator deduplicator, ChatWorkQueue queue, SlackVoteCaster voter)
{
    public IResult Handle(byte[] body)
    {
        var click = SlackClick.TryParse(SlackForm.Parse(body)["payload"]);
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

        var claim = $"slack:click:{click.UserId}:{click.ActionId}:{key}";
        if (!deduplicator.TryClaim(claim))
        {
            return SlackAnswers.Acknowledge();
        }

        queue.Enqueue($"slack {click.ActionId}", async ct =>
        {
            try
            {
                await voter.CastAsync(click, key!, decision, ct);
            }
            catch
            {
                deduplicator.Release(claim);
                throw;
            }
        });
        return SlackAnswers.Acknowledge();
    }

    private static VoteDecision? Decision(string? actionId) => actionId switch
    {
        SlackProposalMessage.ApproveAction => VoteDecision.Approve,
        SlackProposalMessage.RejectAction => VoteDecision.Reject,
        _ => null,
    };
}
