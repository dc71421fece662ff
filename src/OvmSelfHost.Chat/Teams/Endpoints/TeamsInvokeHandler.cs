using Microsoft.AspNetCore.Http;
using OvmSelfHost.Chat.Commands;
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
/// refresh. Who clicked is the activity's AAD object id, matched to Users by TeamsObjectId. A vote is
/// cast in the background; the invoke waits for it at most <see cref="VoteBudget"/> and answers with
/// the card as it then stands (Teams gives an invoke about 15 s, and retries). A repeated invoke of
/// the same vote by the same person is recognised and changes nothing. Refusals record nothing.
/// </summary>
internal sealed class TeamsInvokeHandler(
    PeopleDirectory people, MigrationEngine engine, DeliveryDeduplicator deduplicator, ChatWorkQueue queue,
    TeamsRunPublisher cards, IOutbox outbox)
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
        return action.Verb switch
        {
            TeamsCardVerbs.Refresh => await RefreshAsync(action, person, cancellationToken),
            TeamsCardVerbs.ConfirmApprove => await ConfirmAsync(activity, action, person, cancellationToken),
            TeamsCardVerbs.Approve => await VoteAsync(activity, action, person, VoteDecision.Approve, cancellationToken),
            TeamsCardVerbs.Reject => await VoteAsync(activity, action, person, VoteDecision.Reject, cancellationToken),
            _ => TeamsInvokeResponse.Error("BadRequest", $"'{action.Verb}' is not a button of a migration card; nothing was changed."),
        };
    }

    private async Task<IResult> RefreshAsync(TeamsCardAction action, Person? person, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(action.Field(TeamsCardVerbs.MigrationField), "N", out var id) || await engine.FindAsync(id, cancellationToken) is not { } run)
        {
            return TeamsInvokeResponse.Message("This card is not of a migration the bot knows; see status.");
        }

        return await CardAsync(run, person, null, cancellationToken);
    }

    /// <summary>The first click on a dangerous Approve: the same checks as a vote, then a card that asks to confirm.</summary>
    private async Task<IResult> ConfirmAsync(TeamsActivity activity, TeamsCardAction action, Person? person, CancellationToken cancellationToken)
    {
        var (refusal, run, _) = await CheckVoteAsync(activity, action, person, cancellationToken);
        return refusal ?? TeamsInvokeResponse.Card(await cards.CardForAsync(run!, new TeamsCardViewer(true, null, Confirming: true), cancellationToken));
    }

    private async Task<IResult> VoteAsync(TeamsActivity activity, TeamsCardAction action, Person? person, VoteDecision decision, CancellationToken cancellationToken)
    {
        var (refusal, run, key) = await CheckVoteAsync(activity, action, person, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var claim = $"teams:vote:{person!.Name}:{decision}:{key}";
        if (!deduplicator.TryClaim(claim))
        {
            return await CardAsync(run!, person, null, cancellationToken);
        }

        var outcome = await CastInBackgroundAsync(claim, run!.Id, person.Name, decision, key!, cancellationToken);
        var now = await engine.FindAsync(run.Id, cancellationToken) ?? run;
        return await CardAsync(now, person, outcome?.Message ?? $"{person.Name}'s {decision.ToString().ToLowerInvariant()} is being recorded; the card updates when it is done.", cancellationToken);
    }

    /// <summary>Who clicked, on which gate opening, and whether that opening still waits: a refusal, or the run and key.</summary>
    private async Task<(IResult? Refusal, MigrationRun? Run, ProposalKey? Key)> CheckVoteAsync(
        TeamsActivity activity, TeamsCardAction action, Person? person, CancellationToken cancellationToken)
    {
        if (!ProposalKey.TryParse(action.Field(TeamsCardVerbs.ProposalField), out var key))
        {
            return (TeamsInvokeResponse.Error("BadRequest", "This button does not name a gate of a migration; nothing was changed. See status."), null, null);
        }

        if (person is null)
        {
            return (TeamsInvokeResponse.Message($"{activity.From?.Name ?? "This Teams account"} ({activity.From?.AadObjectId ?? "no AAD object id"}) is not a configured user; nothing was recorded. Ask an administrator to add your TeamsObjectId under Users."), null, null);
        }

        if (await engine.FindAsync(key!.MigrationId, cancellationToken) is not { } run)
        {
            return (TeamsInvokeResponse.Message($"Migration {RunText.ShortId(key.MigrationId)} no longer exists; nothing was recorded. See status."), null, null);
        }

        if (!person.Is(PersonRole.Approver))
        {
            return (await CardAsync(run, person, $"{person.Name} is not an approver; nothing was recorded. Approvers: {string.Join(", ", people.Approvers.Select(p => p.Name))}.", cancellationToken), null, null);
        }

        if (GateProposals.OpenKey(run) != key)
        {
            await outbox.AddAsync(OutboxMessage.ForRun(TeamsChannel.Name, run.Id, null), cancellationToken);
            return (await CardAsync(run, person, $"Gate {key.Gate} of phase {key.Phase} is no longer waiting (the migration is {run.State}); nothing was recorded.", cancellationToken), null, null);
        }

        return (null, run, key);
    }

    /// <returns>The engine's answer, or null when it took longer than <see cref="VoteBudget"/> (it still completes).</returns>
    private async Task<CommandOutcome?> CastInBackgroundAsync(string claim, Guid id, string user, VoteDecision decision, ProposalKey key, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueue($"teams {decision}", async ct =>
        {
            try
            {
                var reason = decision == VoteDecision.Reject ? ButtonRejectReason : null;
                // The engine checks the opening again under its lock: the gate may close between here and there.
                done.TrySetResult(await engine.DecideAsync(id, user, TeamsChannel.Name, decision, reason, ct, new GateOpening(key.Phase, key.Gate, key.Round)));
            }
            catch (Exception ex)
            {
                deduplicator.Release(claim);
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

    private async Task<IResult> CardAsync(MigrationRun run, Person? person, string? notice, CancellationToken cancellationToken)
    {
        var mayVote = person?.Is(PersonRole.Approver) == true && GateProposals.OpenKey(run) is not null;
        return TeamsInvokeResponse.Card(await cards.CardForAsync(run, new TeamsCardViewer(mayVote, notice), cancellationToken));
    }
}
