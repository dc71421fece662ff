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
        api.MapGet("/{shortId}", GetByShortIdAsync);
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

    private const int DefaultPage = 50;
    private const int LargestPage = 500;

    /// <summary>
    /// Summaries, newest first, one page at a time (<c>?limit=</c>, <c>?before=</c> a creation time
    /// from the previous page): the console's list costs the same however long the history.
    /// </summary>
    private static async Task<IResult> ListAsync(string? limit, string? before, MigrationEngine engine, CancellationToken cancellationToken)
    {
        var size = DefaultPage;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > LargestPage))
        {
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {LargestPage}, not '{limit}'. Example: /api/migrations?limit=20");
        }

        DateTimeOffset? until = null;
        if (before is not null)
        {
            if (!DateTimeOffset.TryParse(before, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                return Problems.BadRequest($"'before' must be a time such as 2026-12-05T14:00:00Z (the createdAt of the last run of the previous page), not '{before}'.");
            }

            until = at;
        }

        var runs = await engine.ListAsync(cancellationToken);
        return Results.Ok(runs
            .Where(r => until is null || r.CreatedAt < until)
            .OrderByDescending(r => r.CreatedAt)
            .Take(size)
            .Select(MigrationSummary.From)
            .ToList());
    }

    /// <summary>The 8-character id chat replies show, resolved when exactly one run starts with it.</summary>
    private static async Task<IResult> GetByShortIdAsync(string shortId, MigrationEngine engine, RunbookSettings settings, CancellationToken cancellationToken)
    {
        var wanted = shortId.Trim().Replace("-", "", StringComparison.Ordinal);
        if (wanted.Length is < 4 or > 32 || !wanted.All(char.IsAsciiHexDigit))
        {
            return Problems.From(OutcomeKind.NotFound, $"'{shortId}' is not a migration id: use the full id or the 8-character short id chat replies show (e.g. 3f2a9c01). GET /api/migrations lists them.");
        }

        var matches = (await engine.ListAsync(cancellationToken))
            .Where(r => r.Id.ToString("N").StartsWith(wanted, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches switch
        {
            [var run] => Results.Ok(MigrationView.From(run, settings)),
            [] => Problems.From(OutcomeKind.NotFound, $"No migration has the id {shortId}. GET /api/migrations lists them."),
            _ => Problems.From(OutcomeKind.NotFound, $"{matches.Count} migrations start with {shortId} ({string.Join(", ", matches.Select(r => r.Id))}); give more characters of the id."),
        };
    }

    /// <param name="texts">"all" (default) or "none": without the steps' fixed texts (what happens, what it touches, why
    /// it is risky, what to check), which never change during a run, for a console that already has them.</param>
    private static async Task<IResult> GetAsync(Guid id, string? texts, MigrationEngine engine, RunbookSettings settings, CancellationToken cancellationToken)
    {
        if (texts is not (null or "all" or "none"))
        {
            return Problems.BadRequest($"'texts' must be 'all' or 'none' (without the steps' fixed texts), not '{texts}'.");
        }

        if (await engine.FindAsync(id, cancellationToken) is not { } run)
        {
            return Problems.From(OutcomeKind.NotFound, $"No migration {id}. GET /api/migrations lists them.");
        }

        var view = MigrationView.From(run, settings);
        return Results.Ok(texts == "none" ? view.WithoutStepTexts() : view);
    }

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
            var example = $"{{\"user\":\"bob\",\"decision\":\"approve\",\"gate\":\"{waiting?.Gate.Name ?? "CreateManagerVm"}\"}}";
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
