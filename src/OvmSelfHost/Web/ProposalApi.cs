using System.Text.Json;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;
using OvmSelfHost.SignIn;

namespace OvmSelfHost.Web;

/// <summary>
/// Proposal cards of one migration (every gate opening, newest last) and votes bound to one opening:
/// a card left open in a browser can never vote on a later opening of the same gate.
/// </summary>
internal static class ProposalApi
{
    private const string Channel = "web";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> ListAsync(Guid id, MigrationEngine engine, RunbookSettings settings, CancellationToken cancellationToken)
    {
        if (await engine.FindAsync(id, cancellationToken) is not { } run)
        {
            return Results.Problem(detail: $"No migration {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var views = GateProposals.Keys(run)
            .Select(k => ProposalView.From(GateProposals.Describe(run, k, settings), settings, run)).ToList();
        // Who may vote is the runbook's answer (role, requester, one vote each, separation of duties), so the
        // console offers buttons only to them and shows everyone else who can.
        for (var i = 0; i < views.Count; i++)
        {
            if (views[i].Status == "Open" && ProposalKey.TryParse(views[i].Key, out var key))
            {
                views[i] = views[i] with { CanVote = [.. engine.Voters(run, key!.Opening).Where(v => v.MayVote).Select(v => v.Person.Name)] };
            }
        }

        return Results.Ok(views);
    }

    /// <summary>
    /// A vote bound to one gate opening. The console maps the person it is told; every check of the
    /// vote is the runbook's. The delivery (its id, or else the proposal key, person, decision and
    /// reason) is claimed in the save of the vote it carries, with its answer, so a vote that counts
    /// costs one write; sent again, also after a restart or to another replica, it changes nothing
    /// and gets the first answer.
    /// </summary>
    public static async Task<IResult> VoteAsync(
        string key, HttpRequest request, MigrationEngine engine, IDeliveryClaims claims, Askers askers, CancellationToken cancellationToken)
    {
        VoteRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<VoteRequest>(request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Refused(StatusCodes.Status400BadRequest, $"The body is not valid JSON ({ex.Message}). Send {{\"user\":\"bob\",\"decision\":\"approve\"}}.");
        }

        var (asker, refusal) = askers.Resolve(request.HttpContext, body?.User, "user");
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ProposalKey.TryParse(key, out var proposal))
        {
            return Refused(StatusCodes.Status400BadRequest, $"'{key}' is not a proposal key; reload the page to get the current cards.");
        }

        if (!Vocabularies.Decisions.TryParse(body!.Decision, out var decision))
        {
            return Refused(StatusCodes.Status400BadRequest, $"'decision': {Vocabularies.Decisions.Refusal(body.Decision)}");
        }

        var delivery = body.DeliveryId is { Length: > 0 } id
            ? DeliveryKey.Of("web-vote", id)
            : DeliveryKey.Of("web-vote-body", proposal!.ToString(), asker!.Name, decision.ToString(), body.Reason);
        // A vote that counts is saved with the claim of its delivery, in one write; a replay then changes nothing.
        CommandOutcome outcome;
        try
        {
            outcome = await engine.DecideAsync(proposal!.MigrationId, asker!.Name, Channel, decision, body.Reason, cancellationToken, proposal.Opening, asker.Authentication,
                new DeliveryReceipt(delivery, Channel, o => new StoredOutcome(o.Kind, o.Message).ToJson()));
        }
        catch (DeliveryAlreadyClaimedException)
        {
            return Answer(await ReplayedAsync(claims, delivery, cancellationToken));
        }

        return outcome.Succeeded
            ? Answer(new StoredOutcome(outcome.Kind, outcome.Message))
            : Answer(await RefusedAsync(claims, delivery, new StoredOutcome(outcome.Kind, outcome.Message), cancellationToken));
    }

    /// <summary>
    /// A refusal saved nothing, so nothing claimed the delivery: it is claimed now with the refusal, so a replay gets the
    /// same answer; when it was claimed already (a replay of a vote that counted, refused now as a second vote), the first answer.
    /// </summary>
    private static async Task<StoredOutcome> RefusedAsync(IDeliveryClaims claims, string delivery, StoredOutcome refusal, CancellationToken cancellationToken)
    {
        var claim = await claims.ClaimAsync(delivery, Channel, cancellationToken);
        if (!claim.IsFirst)
        {
            return Replayed(claim);
        }

        await claims.AnswerAsync(delivery, refusal.ToJson(), cancellationToken);
        return refusal;
    }

    private static async Task<StoredOutcome> ReplayedAsync(IDeliveryClaims claims, string delivery, CancellationToken cancellationToken)
    {
        var claim = await claims.ClaimAsync(delivery, Channel, cancellationToken);
        if (claim.IsFirst)
        {
            // The first claim expired in between: this one holds it now, answered as a repeat.
            await claims.ReleaseAsync(delivery, cancellationToken);
        }

        return Replayed(claim);
    }

    private static StoredOutcome Replayed(DeliveryClaim claim) =>
        StoredOutcome.FromJson(claim.FirstAnswer)
        ?? new StoredOutcome(OutcomeKind.Conflict, "This vote was already received and is being recorded; nothing more was done.");

    private static IResult Answer(StoredOutcome outcome) =>
        outcome.Kind == OutcomeKind.Done
            ? Results.Ok(new { message = outcome.Message })
            : Problems.From(outcome.Kind, outcome.Message);

    private static IResult Refused(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status409Conflict ? "Not possible now" : "Refused");
}
