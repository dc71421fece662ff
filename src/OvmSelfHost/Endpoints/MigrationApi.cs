using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;

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
        var (body, problem) = await ReadFromSomeoneAsync<StartMigrationRequest>(request, local, b => b.RequestedBy, "requestedBy",
            """{"environments":["A","B"],"requestedBy":"alice"}""");
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await engine.RequestAsync(body!.Environments ?? [], body.RequestedBy!, Channel, body.Window, cancellationToken);
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
        var (body, problem) = await ReadFromSomeoneAsync<DecisionRequest>(request, local, b => b.User, "user", """{"user":"bob","decision":"approve","gate":"CreateManagerVm"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (!Vocabularies.Decisions.TryParse(body!.Decision, out var decision))
        {
            return Problems.BadRequest($"'decision': {Vocabularies.Decisions.Refusal(body.Decision)}");
        }

        if (await engine.FindAsync(id, cancellationToken) is not { } run)
        {
            return Problems.From(OutcomeKind.NotFound, $"No migration {id}. GET /api/migrations lists them.");
        }

        var waiting = GateOpening.WaitingIn(run);
        if (!Vocabularies.Gates.TryParse(body.Gate, out var gate))
        {
            var waits = waiting is null ? $"nothing waits (the migration is {run.State})" : $"{waiting.Describe()} waits (round {waiting.Round})";
            var example = $"{{\"user\":\"bob\",\"decision\":\"approve\",\"gate\":\"{waiting?.Gate ?? "CreateManagerVm"}\"}}";
            return Problems.BadRequest($"'gate' must name the gate you decide{(body.Gate is null ? "" : $", not '{body.Gate}'")}: {waits}. Send {example}.");
        }

        // Bound to the opening that waits as the request arrives, unless the caller named one: never to a later one.
        var expected = new GateOpening(body.Phase ?? waiting?.Phase ?? run.Phase, gate, body.Round ?? waiting?.Round ?? run.GateRound);
        return Answer(await engine.DecideAsync(id, body.User!, Channel, decision, body.Reason, cancellationToken, expected), settings);
    }

    private static async Task<IResult> ActAsync(Guid id, HttpRequest request, MigrationEngine engine, RunbookSettings settings, LocalMode local, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadFromSomeoneAsync<ActionRequest>(request, local, b => b.User, "user", """{"user":"bob","action":"pause"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (!Vocabularies.Actions.TryParse(body!.Action, out var action))
        {
            return Problems.BadRequest($"'action': {Vocabularies.Actions.Refusal(body.Action)}");
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

    /// <summary>Reads the body and checks that it names who asks, and that the host may believe it.</summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadFromSomeoneAsync<T>(
        HttpRequest request, LocalMode local, Func<T, string?> who, string field, string example)
        where T : class
    {
        var (body, problem) = await JsonBody.ReadAsync<T>(request, example);
        return problem is not null ? (null, problem) : Refusal(local, who(body!), field) is { } refusal ? (null, refusal) : (body, null);
    }

    internal static IResult? Refusal(LocalMode local, string? user, string field)
    {
        if (!local.IsLocal)
        {
            return Problems.From(OutcomeKind.Forbidden,
                $"The '{field}' field is trusted only in local mode (host on loopback alone, no reverse proxy), and {local.WhyNotLocal}. Use Slack or Teams, which carry real identities.");
        }

        return string.IsNullOrWhiteSpace(user) ? Problems.BadRequest($"'{field}' is required: who is asking?") : null;
    }
}
