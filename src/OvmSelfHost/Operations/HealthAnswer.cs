using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Operations;

/// <summary>The JSON answer of /healthz and /readyz: the overall status and every check by name, with what it found.</summary>
internal static class HealthAnswer
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var engine = context.RequestServices.GetRequiredService<MigrationEngine>();
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = Word(report.Status),
            adapter = engine.AdaptersConfigured ? "configured" : "none: migrations wait before preflight",
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = Word(e.Value.Status),
                description = e.Value.Description ?? (e.Value.Exception is { } ex ? $"{ex.GetType().Name}: {ex.Message}" : null),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds),
            }),
        }, cancellationToken: context.RequestAborted);
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
