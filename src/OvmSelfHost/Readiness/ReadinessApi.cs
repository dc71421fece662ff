using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Readiness;

public static class ReadinessApi
{
    public static IEndpointRouteBuilder MapReadinessApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/readiness").WithTags("Readiness");
        group.MapGet("/", async (ReadinessService readiness, CancellationToken ct) =>
            Results.Ok((await readiness.LatestAsync(ct)).Select(ReadinessView.Of)));
        group.MapGet("/{a}/{b}", async (string a, string b, int? count, ReadinessService readiness, RunbookSettings settings, CancellationToken ct) =>
            Refusal(a, b, settings) ?? Results.Ok((await readiness.HistoryAsync(a, b, Math.Clamp(count ?? 20, 1, 200), ct)).Select(ReadinessView.Of)));
        group.MapPost("/{a}/{b}", async (string a, string b, ReadinessService readiness, RunbookSettings settings, MigrationEngine engine, CancellationToken ct) =>
            Refusal(a, b, settings)
            ?? (!engine.AdaptersConfigured
                ? Problems.From(OutcomeKind.Conflict, "Readiness checks need an Oracle VM adapter (set Ovm:Adapter).")
                : Results.Ok(ReadinessView.Of(await readiness.CheckAsync(a, b, "api", ct)))));
        return app;
    }

    private static IResult? Refusal(string a, string b, RunbookSettings settings)
    {
        var known = settings.Environments.Keys;
        bool Known(string e) => known.Any(k => string.Equals(k, e, StringComparison.OrdinalIgnoreCase));
        if (!Known(a) || !Known(b))
        {
            return Problems.From(OutcomeKind.NotFound, $"Unknown environment in {a}/{b}. Configured: {string.Join(", ", known)}.");
        }

        return string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            ? Problems.BadRequest("A pair is two different environments, e.g. /api/readiness/A/B.")
            : null;
    }
}
