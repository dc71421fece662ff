using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Simulator.Control;

/// <summary>The control API (<c>/sim/...</c>), separate from the WS-API: managers, hosts, installer, servers, faults, settings, scenarios.</summary>
internal static class ControlApi
{
    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app, SimulatorRuntime runtime)
    {
        var sim = app.MapGroup("/sim");
        sim.AddEndpointFilter(async (ctx, next) =>
        {
            await runtime.SyncAsync(ctx.HttpContext.RequestAborted);
            return await next(ctx);
        });
        sim.MapGet("/managers", () => ManagerControl.Managers(runtime));
        sim.MapGet("/environments", () => ManagerControl.Environments(runtime));
        sim.MapGet("/servers", () => ServerControl.Servers(runtime));
        sim.MapPost("/servers/{server}/fail", (string server) => ServerControl.Act(runtime, server, "fail"));
        sim.MapPost("/servers/{server}/recover", (string server) => ServerControl.Act(runtime, server, "recover"));
        sim.MapGet("/hosts", () => HostControl.Hosts(runtime));
        sim.MapGet("/hosts/{host}", (string host) => HostControl.Host(runtime, host));
        sim.MapGet("/hosts/{host}/files", (string host, string path) => HostControl.File(runtime, host, path));
        sim.MapGet("/hosts/{host}/services/{service}", (string host, string service) => HostControl.Service(runtime, host, service, null));
        sim.MapPost("/hosts/{host}/services/{service}/start",
            async (string host, string service) => await HostControl.ServiceActionAsync(runtime, host, service, "start"));
        sim.MapPost("/hosts/{host}/services/{service}/stop",
            async (string host, string service) => await HostControl.ServiceActionAsync(runtime, host, service, "stop"));
        sim.MapPost("/hosts/{host}/installer", (string host, InstallerRequest request) => InstallerControl.Start(runtime, host, request));
        sim.MapGet("/hosts/{host}/installer", (string host) => InstallerControl.List(runtime, host));
        sim.MapGet("/hosts/{host}/installer/{installId}", (string host, string installId) => InstallerControl.Get(runtime, host, installId));
        sim.MapGet("/faults", () => FaultControl.List(runtime));
        sim.MapPost("/faults", (FaultRequest request) => FaultControl.Add(runtime, request));
        sim.MapDelete("/faults", () => FaultControl.Clear(runtime, null));
        sim.MapDelete("/faults/{id}", (string id) => FaultControl.Clear(runtime, id));
        sim.MapGet("/settings", () => SettingsControl.Get(runtime));
        sim.MapPut("/settings", (SettingsRequest request) => SettingsControl.Put(runtime, request));
        sim.MapGet("/stats", () => runtime.Stats.Snapshot(runtime));
        sim.MapDelete("/stats", () => { runtime.Stats.Reset(); return TypedResults.NoContent(); });
        sim.MapGet("/scenarios", () => ScenarioControl.List());
        sim.MapPost("/scenarios/load", async (ScenarioRequest request, CancellationToken ct) => await ScenarioControl.LoadAsync(runtime, request, ct));
        return app;
    }
}
