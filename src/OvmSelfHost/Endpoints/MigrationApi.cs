using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Endpoints;

public static class MigrationApi
{
    private const string Channel = "api";

    public static IEndpointRouteBuilder MapMigrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/migrations").WithTags("Migrations");
        api.MapPost("/", StartAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPost("/{id:guid}/decisions", DecideAsync);
        api.MapPost("/{id:guid}/actions", ActAsync);
        api.MapGet("/{id:guid}/audit", AuditAsync);
        api.MapGet("/{id:guid}/graph", GraphAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, MigrationEngine engine, RunbookSettings settings, LocalMode local, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<StartMigrationRequest>(request, """{"environments":["A","B"],"requestedBy":"alice"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (Refusal(local, body!.RequestedBy, "requestedBy") is { } refusal)
        {
            return refusal;
        }

        var outcome = await engine.RequestAsync(body.Environments ?? [], body.RequestedBy!, Channel, body.Window, cancellationToken);
        return outcome.Succeeded
            ? Results.Created($"/api/migrations/{outcome.Run!.Id}", MigrationView.From(outcome.Run, settings))
            : Problems.From(outcome.Kind, outcome.Message);
    }

    private static async Task<IResult> ListAsync(MigrationEngine engine, RunbookSettings settings, CancellationToken cancellationToken) =>
        Results.Ok((await engine.ListAsync(cancellationToken)).Select(r => MigrationView.From(r, settings)));

    private static async Task<IResult> GetAsync(Guid id, MigrationEngine engine, RunbookSettings settings, CancellationToken cancellationToken) =>
        await engine.FindAsync(id, cancellationToken) is { } run
            ? Results.Ok(MigrationView.From(run, settings))
            : Problems.From(OutcomeKind.NotFound, $"No migration {id}. GET /api/migrations lists them.");

    private static async Task<IResult> DecideAsync(Guid id, HttpRequest request, MigrationEngine engine, RunbookSettings settings, LocalMode local, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<DecisionRequest>(request, """{"user":"bob","decision":"approve"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (Refusal(local, body!.User, "user") is { } refusal)
        {
            return refusal;
        }

        if (!Enum.TryParse<VoteDecision>(body.Decision, ignoreCase: true, out var decision) || int.TryParse(body.Decision, out _))
        {
            return Problems.BadRequest($"'decision' must be \"approve\" or \"reject\", not '{body.Decision}'.");
        }

        return Answer(await engine.DecideAsync(id, body.User!, Channel, decision, body.Reason, cancellationToken), settings);
    }

    private static async Task<IResult> ActAsync(Guid id, HttpRequest request, MigrationEngine engine, RunbookSettings settings, LocalMode local, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ActionRequest>(request, """{"user":"bob","action":"pause"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (Refusal(local, body!.User, "user") is { } refusal)
        {
            return refusal;
        }

        if (!Enum.TryParse<OperatorAction>(body.Action, ignoreCase: true, out var action) || int.TryParse(body.Action, out _))
        {
            return Problems.BadRequest($"'action' must be one of pause, resume, retry, abort, rollback, not '{body.Action}'.");
        }

        return Answer(await engine.ActAsync(id, body.User!, Channel, action, cancellationToken), settings);
    }

    private static async Task<IResult> AuditAsync(Guid id, MigrationEngine engine, CancellationToken cancellationToken) =>
        await engine.FindAsync(id, cancellationToken) is null
            ? Problems.From(OutcomeKind.NotFound, $"No migration {id}.")
            : Results.Ok(await engine.AuditAsync(id, cancellationToken));

    private static async Task<IResult> GraphAsync(Guid id, MigrationEngine engine, CancellationToken cancellationToken) =>
        await engine.FindAsync(id, cancellationToken) is { } run
            ? Results.Text(new RunStateMachine(run).ToMermaid(), "text/plain")
            : Problems.From(OutcomeKind.NotFound, $"No migration {id}.");

    private static IResult Answer(CommandOutcome outcome, RunbookSettings settings) =>
        outcome.Succeeded
            ? Results.Ok(new { message = outcome.Message, migration = MigrationView.From(outcome.Run!, settings) })
            : Problems.From(outcome.Kind, outcome.Message);

    internal static IResult? Refusal(LocalMode local, string? user, string field)
    {
        if (!local.IsLocal)
        {
            return Problems.From(OutcomeKind.Forbidden,
                $"The '{field}' field is trusted only when the host listens on loopback; it listens on {string.Join(", ", local.Addresses())}. Use Slack or Teams, which carry real identities.");
        }

        return string.IsNullOrWhiteSpace(user) ? Problems.BadRequest($"'{field}' is required: who is asking?") : null;
    }
}
