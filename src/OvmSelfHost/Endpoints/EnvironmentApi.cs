using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Endpoints;

public static class EnvironmentApi
{
    public static IEndpointRouteBuilder MapEnvironmentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/environments", (RunbookSettings settings, MigrationEngine engine) => Results.Ok(
            settings.Environments.Values.Select(e => new
            {
                name = e.Name,
                hostingPool = e.HostingPool,
                hostingRepository = e.HostingRepository,
                replacementVm = e.ReplacementVm,
                separateDatabase = e.SeparateDatabase,
                adapterConfigured = engine.AdaptersConfigured,
            }))).WithTags("Environments");
        return app;
    }
}
