using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Chat.Queue;
using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Cards;
using OvmSelfHost.Chat.Teams.Outbox;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Teams.Endpoints;

/// <summary>
/// <c>invoke</c> <c>adaptiveCard/action</c>: Approve / Reject on a migration card, and the card's
/// refresh. Who clicked is the activity's AAD object id, matched to Users by TeamsObjectId; every
/// check of the vote is the runbook's. A vote is cast in the background; the invoke waits for it at
/// most <see cref="VoteBudget"/> and answers with the card as it then stands (Teams gives an invoke
/// about 15 s, and retries). A vote invoke is claimed by its activity id before anything else: a
/// retry, also after a restart or on another replica, changes nothing and gets the first answer again.
/// </summary>
internal sealed class TeamsInvokeHandler(
    PeopleDirectory people, MigrationEngine engine, IDeliveryClaims claims, ChatWorkQueue queue,
    TeamsRunPublisher cards, IOutbox outbox, ApprovalLinkOffer links)
{
    public const string InvokeName = "adaptiveCard/action";
    public const string ButtonRejectReason = "rejected with the Teams button";
    public static readonly TimeSpan VoteBudget = TimeSpan.FromSeconds(3);

    public async Task<IResult> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Name != InvokeName)
        {
            return TeamsInvokeResponse.Error("NotSupported", $"The bot answers only {InvokeName} invokes, not '{activity.Name}'.");
        }

        if (TeamsCardAction.TryRead(activity) is not { } action)
        {
            return TeamsInvokeResponse.Error("BadRequest", "The invoke is not an Action.Execute with a verb; nothing was changed.");
        }

        var person = people.ByTeamsObjectId(activity.From?.AadObjectId);
        return TeamsInvokeResponse.Send(action.Verb switch
        {
            TeamsCardVerbs.Refresh => await RefreshAsync(action, person, cancellationToken),
            TeamsCardVerbs.ConfirmApprove => await ConfirmAsync(activity, action, person, cancellationToken),
            TeamsCardVerbs.Approve => await VoteAsync(activity, action, person, VoteDecision.Approve, cancellationToken),
            TeamsCardVerbs.Reject => await VoteAsync(activity, action, person, VoteDecision.Reject, cancellationToken),
            _ => TeamsInvokeResponse.ErrorBody("BadRequest", $"'{action.Verb}' is not a button of a migration card; nothing was changed."),
        });
    }

    private async Task<JsonObject> RefreshAsync(TeamsCardAction action, Person? person, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(action.Field(TeamsCardVerbs.MigrationField), "N", out var id) || await engine.FindAsync(id, cancellationToken) is not { } run)
        {
            return TeamsInvokeResponse.MessageBody("This card is not of a migration the bot knows; see status.");
        }

        return await CardAsync(run, person, null, cancellationToken);
    }

    /// <summary>The first click on a dangerous Approve: the runbook's checks of the vote, then a card that asks to confirm.</summary>
    private async Task<JsonObject> ConfirmAsync(TeamsActivity activity, TeamsCardAction action, Person? person, CancellationToken cancellationToken)
    {
        if (Refusal(activity, action, person, out var key) is { } refusal)
        {
            return refusal;
        }

        if (await links.OfferAsync(key, TeamsChannel.Name, activity.From!.AadObjectId!, person!, cancellationToken) is { } offer)
        {
            return TeamsInvokeResponse.MessageBody(offer);
        }

        var outcome = await engine.VoteRefusalAsync(key.MigrationId, person!.Name, VoteDecision.Approve, null, key.Opening, cancellationToken);
        if (outcome is not null)
        {
            return await AnswerAsync(key, person, outcome, cancellationToken);
        }

        var run = await engine.FindAsync(key.MigrationId, cancellationToken);
        return run is null
            ? await AnswerAsync(key, person, null, cancellationToken)
            : TeamsInvokeResponse.CardBody(await cards.CardForAsync(run, new TeamsCardViewer(true, null, Confirming: true), cancellationToken));
    }

    private async Task<JsonObject> VoteAsync(TeamsActivity activity, TeamsCardAction action, Person? person, VoteDecision decision, CancellationToken cancellationToken)
    {
        if (Refusal(activity, action, person, out var key) is { } refusal)
        {
            return refusal;
        }

        if (decision == VoteDecision.Approve && await links.OfferAsync(key, TeamsChannel.Name, activity.From!.AadObjectId!, person!, cancellationToken) is { } offer)
        {
            return TeamsInvokeResponse.MessageBody(offer);
        }

        var claim = DeliveryKey.Of("teams-invoke", activity.Conversation?.Id, activity.Id ?? $"{person!.Name}:{decision}:{key}");
        var first = await claims.ClaimAsync(claim, TeamsChannel.Name, cancellationToken);
        if (!first.IsFirst)
        {
            return first.FirstAnswer is { } answer && JsonNode.Parse(answer) is JsonObject body
                ? body
                : await AnswerAsync(key, person!, null, cancellationToken);
        }

        var outcome = await CastInBackgroundAsync(claim, key, person!.Name, decision, cancellationToken);
        var reply = await AnswerAsync(key, person, outcome, cancellationToken);
        if (outcome is not null)
        {
            await claims.AnswerAsync(claim, reply.ToJsonString(), cancellationToken);
        }

        return reply;
    }

    /// <summary>What the channel itself must know before the runbook is asked: which gate opening, and who clicked.</summary>
    private static JsonObject? Refusal(TeamsActivity activity, TeamsCardAction action, Person? person, out ProposalKey key)
    {
        if (!ProposalKey.TryParse(action.Field(TeamsCardVerbs.ProposalField), out var parsed))
        {
            key = null!;
            return TeamsInvokeResponse.ErrorBody("BadRequest", "This button does not name a gate of a migration; nothing was changed. See status.");
        }

        key = parsed!;
        return person is null
            ? TeamsInvokeResponse.MessageBody($"{activity.From?.Name ?? "This Teams account"} ({activity.From?.AadObjectId ?? "no AAD object id"}) is not a configured user; nothing was recorded. Ask an administrator to add your TeamsObjectId under Users.")
            : null;
    }

    /// <summary>The card as it stands now with the runbook's answer on it; a message when the run is gone.</summary>
    /// <param name="outcome">Null while the vote is still being recorded.</param>
    private async Task<JsonObject> AnswerAsync(ProposalKey key, Person person, CommandOutcome? outcome, CancellationToken cancellationToken)
    {
        if (await engine.FindAsync(key.MigrationId, cancellationToken) is not { } run)
        {
            return TeamsInvokeResponse.MessageBody(outcome?.Message ?? $"Migration {key.MigrationId:N} no longer exists; nothing was recorded. See status.");
        }

        if (outcome?.Kind == OutcomeKind.Conflict)
        {
            // A stale card: redraw the shared one so its buttons go.
            await outbox.AddAsync(OutboxMessage.ForRun(TeamsChannel.Name, run.Id, null), cancellationToken);
        }

        return await CardAsync(run, person, outcome?.Message ?? $"{person.Name}'s vote is being recorded; the card updates when it is done.", cancellationToken);
    }

    /// <returns>The engine's answer, or null when it took longer than <see cref="VoteBudget"/> (it still completes).</returns>
    private async Task<CommandOutcome?> CastInBackgroundAsync(string claim, ProposalKey key, string user, VoteDecision decision, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue($"teams {decision}", async ct =>
        {
            try
            {
                var reason = decision == VoteDecision.Reject ? ButtonRejectReason : null;
                done.TrySetResult(await claims.ActAsync(claim,
                    () => engine.DecideAsync(key.MigrationId, user, TeamsChannel.Name, decision, reason, ct, key.Opening), _ => null, ct));
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
                throw;
            }
        });
        try
        {
            return await done.Task.WaitAsync(VoteBudget, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return CommandOutcome.Conflict("The vote could not be recorded just now; nothing was changed. Try again.");
        }
    }

    private async Task<JsonObject> CardAsync(MigrationRun run, Person? person, string? notice, CancellationToken cancellationToken)
    {
        // The card offers Approve / Reject only to someone whose vote the runbook would take now.
        var mayVote = person is not null && GateOpening.WaitingIn(run) is { } open && engine.VoterRefusal(run, open, person.Name) is null;
        return TeamsInvokeResponse.CardBody(await cards.CardForAsync(run, new TeamsCardViewer(mayVote, notice), cancellationToken));
    }
}
