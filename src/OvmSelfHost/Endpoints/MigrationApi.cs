using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Words;
using OvmSelfHost.SignIn;

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
        api.MapGet("/{id:guid}/audit/verify", VerifyAuditAsync);
        api.MapGet("/{id:guid}/graph", GraphAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, MigrationEngine engine, RunbookSettings settings, Askers askers, CancellationToken cancellationToken)
    {
        var (body, asker, problem) = await ReadFromSomeoneAsync<StartMigrationRequest>(request, askers, b => b.RequestedBy, "requestedBy",
            """{"environments":["A","B"],"requestedBy":"alice"}""");
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await engine.RequestAsync(body!.Environments ?? [], asker!.Name, Channel, body.Window, cancellationToken, asker.Authentication);
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

    private static async Task<IResult> DecideAsync(Guid id, HttpRequest request, MigrationEngine engine, RunbookSettings settings, Askers askers, CancellationToken cancellationToken)
    {
        var (body, asker, problem) = await ReadFromSomeoneAsync<DecisionRequest>(request, askers, b => b.User, "user", """{"user":"bob","decision":"approve","gate":"CreateManagerVm"}""");
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
        return Answer(await engine.DecideAsync(id, asker!.Name, Channel, decision, body.Reason, cancellationToken, expected, asker.Authentication), settings);
    }

    private static async Task<IResult> ActAsync(Guid id, HttpRequest request, MigrationEngine engine, RunbookSettings settings, Askers askers, CancellationToken cancellationToken)
    {
        var (body, asker, problem) = await ReadFromSomeoneAsync<ActionRequest>(request, askers, b => b.User, "user", """{"user":"bob","action":"pause"}""");
        if (problem is not null)
        {
            return problem;
        }

        if (!Vocabularies.Actions.TryParse(body!.Action, out var action))
        {
            return Problems.BadRequest($"'action': {Vocabularies.Actions.Refusal(body.Action)}");
        }

        return Answer(await engine.ActAsync(id, asker!.Name, Channel, action, cancellationToken, asker.Authentication), settings);
    }

    private static async Task<IResult> AuditAsync(Guid id, MigrationEngine engine, CancellationToken cancellationToken) =>
        await engine.FindAsync(id, cancellationToken) is null
            ? Problems.From(OutcomeKind.NotFound, $"No migration {id}.")
            : Results.Ok(await engine.AuditAsync(id, cancellationToken));

    private static async Task<IResult> VerifyAuditAsync(Guid id, MigrationEngine engine, CancellationToken cancellationToken) =>
        await engine.VerifyAuditAsync(id, cancellationToken) is { } verification
            ? Results.Ok(verification)
            : Problems.From(OutcomeKind.NotFound, $"No migration {id}.");

    private static async Task<IResult> GraphAsync(Guid id, MigrationEngine engine, CancellationToken cancellationToken) =>
        await engine.FindAsync(id, cancellationToken) is { } run
            ? Results.Text(new RunStateMachine(run).ToMermaid(), "text/plain")
            : Problems.From(OutcomeKind.NotFound, $"No migration {id}.");

    private static IResult Answer(CommandOutcome outcome, RunbookSettings settings) =>
        outcome.Succeeded
            ? Results.Ok(new { message = outcome.Message, migration = MigrationView.From(outcome.Run!, settings) })
            : Problems.From(outcome.Kind, outcome.Message);

    /// <summary>
    /// Reads the body and establishes who asks: the signed-in person when sign-in is configured (the
    /// body's name is then ignored), else the name in the body, believed in local mode only.
    /// </summary>
    internal static async Task<(T? Body, Asker? Asker, IResult? Problem)> ReadFromSomeoneAsync<T>(
        HttpRequest request, Askers askers, Func<T, string?> who, string field, string example)
        where T : class
    {
        if (askers.SignInEnabled && askers.Resolve(request.HttpContext, null, field) is { Problem: { } unsigned })
        {
            // Before the body: a request without a valid sign-in learns nothing more than that.
            return (null, null, unsigned);
        }

        var (body, problem) = await JsonBody.ReadAsync<T>(request, example);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var (asker, refusal) = askers.Resolve(request.HttpContext, who(body!), field);
        return refusal is not null ? (null, null, refusal) : (body, asker, null);
    }
}
