using System.Text.Json;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Chat.Proposals;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;

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

        var keys = run.Votes.Select(v => new ProposalKey(run.Id, v.Phase, v.Gate, v.Round)).ToList();
        if (GateProposals.OpenKey(run) is { } open)
        {
            keys.Add(open);
        }

        return Results.Ok(keys.Distinct().OrderBy(k => k.Round).ThenBy(k => k.Phase)
            .Select(k => ProposalView.From(GateProposals.Describe(run, k, settings))).ToList());
    }

    public static async Task<IResult> VoteAsync(string key, HttpRequest request, MigrationEngine engine, PeopleDirectory people, LocalMode local, CancellationToken cancellationToken)
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

        if (MigrationApi.Refusal(local, body?.User, "user") is { } refusal)
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

        if (people.ByName(body.User) is not { } person)
        {
            return Refused(StatusCodes.Status403Forbidden, $"{body.User} is not a configured user; nothing was recorded. Pick one of: {string.Join(", ", people.All.Select(p => p.Name))}.");
        }

        if (!person.Is(PersonRole.Approver))
        {
            return Refused(StatusCodes.Status403Forbidden, $"{person.Name} is not an approver; nothing was recorded. Approvers: {string.Join(", ", people.Approvers.Select(p => p.Name))}.");
        }

        if (await engine.FindAsync(proposal!.MigrationId, cancellationToken) is not { } run)
        {
            return Refused(StatusCodes.Status404NotFound, $"Migration {RunText.ShortId(proposal.MigrationId)} does not exist; nothing was recorded.");
        }

        if (GateProposals.OpenKey(run) != proposal)
        {
            return Refused(StatusCodes.Status409Conflict,
                $"Gate {proposal.Gate} of phase {proposal.Phase} is no longer waiting (the migration is {run.State}); nothing was recorded.");
        }

        // The engine checks the opening again under its lock: the gate may close between here and there.
        var outcome = await engine.DecideAsync(run.Id, person.Name, Channel, decision, body.Reason, cancellationToken,
            new GateOpening(proposal.Phase, proposal.Gate, proposal.Round));
        return outcome.Succeeded
            ? Results.Ok(new { message = outcome.Message })
            : Problems.From(outcome.Kind, outcome.Message);
    }

    private static IResult Refused(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status409Conflict ? "Not possible now" : "Refused");
}
