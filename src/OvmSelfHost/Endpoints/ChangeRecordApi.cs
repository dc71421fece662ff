using System.Net;
using Markdig;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Records;

namespace OvmSelfHost.Endpoints;

/// <summary>
/// <c>GET /api/migrations/{id}/record</c>: the change record as JSON (default), Markdown or a printable
/// HTML page, by <c>?format=</c> or else by the <c>Accept</c> header.
/// </summary>
public static class ChangeRecordApi
{
    /// <summary>Markdown to HTML with raw HTML switched off: reasons and names typed by people stay text.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static IEndpointRouteBuilder MapChangeRecordApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/migrations/{id:guid}/record", RecordAsync).WithTags("Migrations");
        return app;
    }

    private static async Task<IResult> RecordAsync(Guid id, string? format, HttpRequest request, MigrationEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        var chosen = Choose(format, request.Headers.Accept.ToString());
        if (chosen is null)
        {
            return Problems.BadRequest($"'format' must be json, markdown or html, not '{format}'.");
        }

        if (await engine.RecordAsync(id, time.GetUtcNow(), cancellationToken) is not { } record)
        {
            return Problems.From(OutcomeKind.NotFound, $"No migration {id}.");
        }

        return chosen switch
        {
            "markdown" => Results.Text(ChangeRecordMarkdown.Render(record), "text/markdown; charset=utf-8"),
            "html" => Results.Text(Page(record), "text/html; charset=utf-8"),
            _ => Results.Ok(record),
        };
    }

    private static string? Choose(string? format, string accept) => format?.ToLowerInvariant() switch
    {
        null or "" when accept.Contains("text/markdown", StringComparison.OrdinalIgnoreCase) => "markdown",
        null or "" when accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) => "html",
        null or "" or "json" => "json",
        "markdown" or "md" => "markdown",
        "html" => "html",
        _ => null,
    };

    private static string Page(ChangeRecord record) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Change record {{WebUtility.HtmlEncode(record.MigrationId.ToString()[..8])}}: {{WebUtility.HtmlEncode(record.EnvironmentA)}} and {{WebUtility.HtmlEncode(record.EnvironmentB)}}</title>
        <style>
        body { font: 11pt/1.4 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #111; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 9.5pt; }
        th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
        code { font-size: 9pt; }
        h3 { break-after: avoid; }
        @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
        </style>
        </head>
        <body>
        {{Markdown.ToHtml(ChangeRecordMarkdown.Render(record), Pipeline)}}
        </body>
        </html>
        """;
}
