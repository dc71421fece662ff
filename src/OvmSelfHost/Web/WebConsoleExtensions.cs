using Microsoft.Extensions.FileProviders;

namespace OvmSelfHost.Web;

/// <summary>
/// The built-in web console: its static files at <c>/</c>, the live event stream, who may act, and
/// proposals with votes bound to one gate opening. The console only uses the host's JSON API.
/// </summary>
public static class WebConsoleExtensions
{
    public static WebApplication MapWebConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (WebConsoleFiles.Locate(app.Environment, out var searched) is { } folder)
        {
            var files = new PhysicalFileProvider(folder);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
            });
        }
        else
        {
            app.MapGet("/", () => Results.Text(
                $"The web console's files (index.html) were not found in: {searched}. Run the host from the repository, or publish it with its wwwroot. The JSON API under /api works.",
                statusCode: StatusCodes.Status503ServiceUnavailable)).ExcludeFromDescription();
        }

        var api = app.MapGroup("/api").WithTags("Web console");
        api.MapGet("/events", ConsoleEventStream.StreamAsync);
        api.MapGet("/session", ConsoleSessionApi.Session);
        api.MapGet("/people", ConsoleSessionApi.People);
        api.MapGet("/migrations/{id:guid}/proposals", ProposalApi.ListAsync);
        api.MapPost("/proposals/{key}/votes", ProposalApi.VoteAsync);
        ConsoleAddressLog.AnnounceWhenStarted(app);
        return app;
    }
}
