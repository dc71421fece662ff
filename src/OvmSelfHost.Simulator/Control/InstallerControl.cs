using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Hosts;

namespace OvmSelfHost.Simulator.Control;

/// <summary><c>runInstaller.sh</c> on a host, started and polled like a remote shell command.</summary>
internal static class InstallerControl
{
    public static IResult Start(SimulatorRuntime runtime, string name, InstallerRequest request)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            if (!world.Hosts.TryGetValue(name, out var host)) return TypedResults.NotFound(new ControlError($"No simulated host named {name}"));
            var run = world.Installer.Start(host, request.Args ?? []);
            var view = View(run, world.Now);
            return TypedResults.Accepted($"/sim/hosts/{host.Name}/installer/{run.Id}", view);
        }
    }

    /// <summary>Every installer run on the host, oldest first: what <c>ps</c> and the install logs would tell.</summary>
    public static IResult List(SimulatorRuntime runtime, string name)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return world.Hosts.TryGetValue(name, out var host)
                ? TypedResults.Ok(host.Installs.Select(r => View(r, world.Now)).ToList())
                : TypedResults.NotFound(new ControlError($"No simulated host named {name}"));
        }
    }

    public static IResult Get(SimulatorRuntime runtime, string name, string installId)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            var run = world.Hosts.TryGetValue(name, out var host) ? host.Installs.FirstOrDefault(r => r.Id == installId) : null;
            return run is null ? TypedResults.NotFound(new ControlError($"No installer run {installId} on {name}")) : TypedResults.Ok(View(run, world.Now));
        }
    }

    private static InstallView View(InstallRun run, DateTimeOffset now) =>
        new(run.Id, run.HostName, run.State, run.VisibleLines(now), run.ExitCode, run.Uuid, run.Args);
}
