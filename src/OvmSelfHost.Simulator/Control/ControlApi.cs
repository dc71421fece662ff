using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Persistence;

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
        sim.MapPost("/servers/{server}/fail", (string server) => Saved(runtime, new() { Kind = JournalEntry.Server, Target = server, Action = "fail" },
            () => ServerControl.Act(runtime, server, "fail")));
        sim.MapPost("/servers/{server}/recover", (string server) => Saved(runtime, new() { Kind = JournalEntry.Server, Target = server, Action = "recover" },
            () => ServerControl.Act(runtime, server, "recover")));
        sim.MapPost("/servers/{server}/memory", (string server, MemoryRequest request) => request.MemoryMb is not (>= 1024 and <= 16_777_216)
            ? TypedResults.BadRequest(new ControlError("memoryMb must be between 1024 and 16777216 (MB of physical memory)"))
            : Saved(runtime, new() { Kind = JournalEntry.Server, Target = server, Action = "memory", Name = request.MemoryMb.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                () => ServerControl.Act(runtime, server, "memory", request.MemoryMb.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        sim.MapGet("/hosts", () => HostControl.Hosts(runtime));
        sim.MapGet("/hosts/{host}", (string host) => HostControl.Host(runtime, host));
        sim.MapGet("/hosts/{host}/files", (string host, string path) => HostControl.File(runtime, host, path));
        sim.MapGet("/hosts/{host}/services/{service}", (string host, string service) => HostControl.Service(runtime, host, service, null));
        foreach (var action in new[] { "start", "stop" })
        {
            sim.MapPost($"/hosts/{{host}}/services/{{service}}/{action}", async (string host, string service) =>
            {
                runtime.Record(new JournalEntry { Kind = JournalEntry.Service, Target = host, Name = service, Action = action });
                return await HostControl.ServiceActionAsync(runtime, host, service, action);
            });
        }

        sim.MapPost("/hosts/{host}/installer", (string host, InstallerRequest request) => Saved(runtime,
            new() { Kind = JournalEntry.Installer, Target = host, Args = request.Args ?? [] }, () => InstallerControl.Start(runtime, host, request)));
        sim.MapGet("/hosts/{host}/installer", (string host) => InstallerControl.List(runtime, host));
        sim.MapGet("/hosts/{host}/installer/{installId}", (string host, string installId) => InstallerControl.Get(runtime, host, installId));
        sim.MapGet("/faults", () => FaultControl.List(runtime));
        sim.MapPost("/faults", (FaultRequest request) => Saved(runtime, new() { Kind = JournalEntry.AddFault, Fault = request },
            () => FaultControl.Add(runtime, request)));
        sim.MapDelete("/faults", () => Saved(runtime, new() { Kind = JournalEntry.ClearFault }, () => FaultControl.Clear(runtime, null)));
        sim.MapDelete("/faults/{id}", (string id) => Saved(runtime, new() { Kind = JournalEntry.ClearFault, Name = id }, () => FaultControl.Clear(runtime, id)));
        sim.MapGet("/settings", () => SettingsControl.Get(runtime));
        sim.MapPut("/settings", (SettingsRequest request) => Saved(runtime, new() { Kind = JournalEntry.Settings, SettingsChange = request },
            () => SettingsControl.Put(runtime, request)));
        sim.MapGet("/stats", () => runtime.Stats.Snapshot(runtime));
        sim.MapDelete("/stats", () => { runtime.Stats.Reset(); return TypedResults.NoContent(); });
        var unclustered = new Dictionary<string, Model.Cluster>(StringComparer.Ordinal);
        sim.MapPut("/managers/{manager}/password", (string manager, DriftRequest request) => DriftControl.Password(runtime, manager, request));
        sim.MapPut("/managers/{manager}/certificate", (string manager, DriftRequest request) => DriftControl.Certificate(runtime, manager, request));
        sim.MapPut("/hosts/{host}/files", (string host, string path, HttpRequest request) => DriftControl.WriteFileAsync(runtime, host, path, request));
        sim.MapPost("/hosts/{host}/host-key", (string host, DriftRequest? request) => DriftControl.RotateHostKey(runtime, host, request));
        sim.MapPut("/pools/{pool}/cluster", (string pool, DriftRequest request) => DriftControl.Cluster(runtime, pool, request, unclustered));
        sim.MapGet("/scenarios", () => ScenarioControl.List());
        sim.MapPost("/scenarios/load", async (ScenarioRequest request, CancellationToken ct) => await ScenarioControl.LoadAsync(runtime, request, ct));
        return app;
    }

    /// <summary>A control call that changes the world is saved first, so a restarted simulator makes it again.</summary>
    private static IResult Saved(SimulatorRuntime runtime, JournalEntry entry, Func<IResult> change)
    {
        runtime.Record(entry);
        return change();
    }
}
