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
    /// vote is the runbook's. The vote is claimed (its delivery id, or else its key, person, decision
    /// and reason) before the runbook is asked: sent again, also after a restart or to another
    /// replica, it changes nothing and gets the first answer.
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
        var claim = await claims.ClaimAsync(delivery, Channel, cancellationToken);
        if (!claim.IsFirst)
        {
            return Answer(StoredOutcome.FromJson(claim.FirstAnswer)
                ?? new StoredOutcome(OutcomeKind.Conflict, "This vote was already received and is being recorded; nothing more was done."));
        }

        var outcome = await claims.ActAsync(delivery,
            () => engine.DecideAsync(proposal!.MigrationId, asker!.Name, Channel, decision, body.Reason, cancellationToken, proposal.Opening, asker.Authentication),
            o => new StoredOutcome(o.Kind, o.Message).ToJson(), cancellationToken);
        return Answer(new StoredOutcome(outcome.Kind, outcome.Message));
    }

    private static IResult Answer(StoredOutcome outcome) =>
        outcome.Kind == OutcomeKind.Done
            ? Results.Ok(new { message = outcome.Message })
            : Problems.From(outcome.Kind, outcome.Message);

    private static IResult Refused(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status409Conflict ? "Not possible now" : "Refused");
}
