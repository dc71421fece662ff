using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.Control;

internal static class ManagerControl
{
    public static Ok<List<SimulatedManagerInfo>> Managers(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return TypedResults.Ok(world.Managers.Select(m => ManagerDescription.Of(world, m, runtime.Options.BindAddress)).ToList());
        }
    }

    public static Ok<List<EnvironmentView>> Environments(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            return TypedResults.Ok(world.Environments.Select(env =>
            {
                var servers = world.Store.All<Server>().Where(s => s.Environment == env).ToList();
                var owners = servers.Select(s => s.ManagerUuid).Distinct().ToList();
                var managers = world.Managers.Where(m => owners.Contains(m.Uuid)).Select(m => m.Name).ToList();
                return new EnvironmentView(env, managers, servers.Select(s => ServerControl.View(world, s)).ToList());
            }).ToList());
        }
    }
}
