using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Hosts;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Control;

/// <summary>Manager hosts: facts, files, services. Stopping <c>ovmm</c> takes that manager's listeners down.</summary>
internal static class HostControl
{
    public static IResult Hosts(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return TypedResults.Ok(world.Hosts.Values.Select(h => View(world, h)).ToList());
        }
    }

    public static IResult Host(SimulatorRuntime runtime, string name)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return world.Hosts.TryGetValue(name, out var host) ? TypedResults.Ok(View(world, host)) : UnknownHost(name);
        }
    }

    private static HostView View(SimulationWorld world, SimHost h)
    {
        var reachable = world.IsReachable(h);
        return new HostView(h.Name, h.Kind == HostKind.Physical ? "physical" : "vm", world.EnvironmentOf(h), reachable,
            reachable ? world.FactsOf(h) : null,
            reachable ? world.ServicesOf(h).Select(s => new ServiceView(s.Key, s.Value ? "running" : "stopped")).ToList() : [],
            world.ManagerOn(h)?.Name, h.HostKey);
    }

    public static IResult File(SimulatorRuntime runtime, string name, string path)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            if (!world.Hosts.TryGetValue(name, out var host)) return UnknownHost(name);
            if (!world.IsReachable(host)) return Unreachable(name);
            return host.Files.TryGetValue(path, out var text)
                ? TypedResults.Text(text, "text/plain")
                : TypedResults.NotFound(new ControlError($"{path}: No such file or directory"));
        }
    }

    public static IResult Service(SimulatorRuntime runtime, string name, string service, string? action)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            if (!world.Hosts.TryGetValue(name, out var host)) return UnknownHost(name);
            if (!world.IsReachable(host)) return Unreachable(name);
            if (!world.ServicesOf(host).ContainsKey(service)) return TypedResults.NotFound(new ControlError($"{service}: unrecognized service"));
            if (action is not null) Apply(world, host, service, action == "start");
            return TypedResults.Ok(new ServiceView(service, world.ServicesOf(host)[service] ? "running" : "stopped"));
        }
    }

    public static async Task<IResult> ServiceActionAsync(SimulatorRuntime runtime, string name, string service, string action)
    {
        var result = Service(runtime, name, service, action);
        await runtime.SyncAsync();
        return result;
    }

    private static void Apply(SimulationWorld world, SimHost host, string service, bool start)
    {
        world.ServiceActions.Add($"{host.Name} {service} {(start ? "start" : "stop")}");
        if (service == "ovmm" && world.ManagerOn(host) is { } manager)
        {
            if (start && !manager.ServiceRunning) manager.ServiceStartedAt = world.Now;
            manager.ServiceRunning = start;
            return;
        }
        var wasRunning = host.Services.GetValueOrDefault(service);
        host.Services[service] = start;
        if (service == "ovmm_mysql" && start && !wasRunning && world.ManagerOn(host) is { ServiceRunning: true } dependent)
        {
            dependent.ServiceStartedAt = world.Now;
        }
    }

    private static IResult UnknownHost(string name) => TypedResults.NotFound(new ControlError($"No simulated host named {name}"));

    private static IResult Unreachable(string name) =>
        TypedResults.Json(new ControlError($"ssh: connect to host {name} port 22: No route to host"), statusCode: StatusCodes.Status503ServiceUnavailable);
}
