using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.HighAvailability;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Control;

/// <summary>Simulated server hardware: list, fail, recover (HA acts without any manager).</summary>
internal static class ServerControl
{
    public static ServerView View(SimulationWorld world, Server s) => new(
        s.Name, s.Id, s.Environment, s.IpAddress, s.ManagerUuid, s.RunState, s.Pool?.Name,
        world.Store.All<Vm>().Where(v => v.Server == s).Select(v => v.Name).ToList(),
        s.MemoryMb, new HaController(world).FreeMemoryMb(s));

    public static IResult Servers(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return TypedResults.Ok(world.Store.All<Server>().Select(s => View(world, s)).ToList());
        }
    }

    /// <param name="argument">For <c>memory</c>: the server's new physical memory in MB.</param>
    public static IResult Act(SimulatorRuntime runtime, string name, string action, string? argument = null)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            var server = world.Store.All<Server>().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (server is null) return TypedResults.NotFound(new ControlError($"No simulated server named {name}"));
            var ha = new HaController(world);
            IReadOnlyList<string> log;
            switch (action)
            {
                case "fail":
                    log = ha.Fail(server);
                    break;
                case "recover":
                    log = ha.Recover(server);
                    break;
                default:
                    server.MemoryMb = int.Parse(argument!, System.Globalization.CultureInfo.InvariantCulture);
                    log = [$"{server.Name}: {server.MemoryMb} MB of memory, {ha.FreeMemoryMb(server)} MB free for VMs"];
                    break;
            }
            return TypedResults.Ok(new ServerActionView(View(world, server), log));
        }
    }
}
