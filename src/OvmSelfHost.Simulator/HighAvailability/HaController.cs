using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.HighAvailability;

/// <summary>
/// What the pool master's agent does when a server fails or comes back (reference 11). It needs no
/// manager: it acts on the hardware, so it works while the managing manager is down.
/// </summary>
internal sealed class HaController(SimulationWorld world)
{
    public IReadOnlyList<string> Fail(Server server)
    {
        server.RunState = InferredChoices.FailedServerRunState;
        var log = new List<string>();
        foreach (var vm in world.Store.All<Vm>().Where(v => v.Server == server && v.RunState == "RUNNING").ToList())
        {
            log.Add(Rescue(vm, server));
        }
        if (server.Pool is { } pool && pool.Master == server)
        {
            pool.Master = pool.Servers(world.Store.All<Server>()).FirstOrDefault(s => s.RunState == "RUNNING");
        }
        return log;
    }

    public IReadOnlyList<string> Recover(Server server)
    {
        server.RunState = "RUNNING";
        var log = new List<string>();
        foreach (var vm in world.Store.All<Vm>().Where(v => v.PendingHaRestart && v.Pool == server.Pool && server.Pool is not null).ToList())
        {
            Start(vm, server);
            vm.PendingHaRestart = false;
            log.Add($"{vm.Name}: pending HA restart done on {server.Name}");
        }
        if (server.Pool is { Master: null } pool)
        {
            pool.Master = server;
        }
        return log;
    }

    private string Rescue(Vm vm, Server failed)
    {
        vm.RunState = "STOPPED";
        vm.Server = null;
        vm.BootedAt = null;
        if (!vm.HighAvailability || failed.Pool is not { Cluster: not null } pool)
        {
            return $"{vm.Name}: stopped (no HA)";
        }
        var target = Candidates(pool, vm).FirstOrDefault();
        if (target is null)
        {
            vm.PendingHaRestart = true;
            return $"{vm.Name}: HA restart pending (no other running server in {pool.Name})";
        }
        Start(vm, target);
        return $"{vm.Name}: restarted by HA on {target.Name}";
    }

    /// <summary>Running servers of the pool the VM's repository is presented to, least loaded first.</summary>
    public IEnumerable<Server> Candidates(ServerPool pool, Vm vm) =>
        pool.Servers(world.Store.All<Server>())
            .Where(s => s.RunState == "RUNNING")
            .Where(s => vm.Repository is null || vm.Repository.PresentedServers.Count == 0 || vm.Repository.PresentedServers.Contains(s))
            .OrderBy(s => world.Store.All<Vm>().Count(v => v.Server == s));

    public void Start(Vm vm, Server server)
    {
        vm.Server = server;
        vm.RunState = "RUNNING";
        vm.BootedAt = world.Now + InferredChoices.HaRestartDelay;
    }
}
