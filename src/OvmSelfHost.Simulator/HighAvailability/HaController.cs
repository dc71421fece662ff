using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.HighAvailability;

/// <summary>
/// What the pool master's agent does when a server fails or comes back (reference 11). It needs no
/// manager: it acts on the hardware, so it works while the managing manager is down. A failed
/// server's HA VMs go down with it and are restarted elsewhere once the cluster has fenced it
/// (<see cref="SimulatorSettings.HaRestartSeconds"/>), on a running server of the clustered pool
/// with room for their memory; with none, they wait until a server (re)joins.
/// </summary>
internal sealed class HaController(SimulationWorld world)
{
    public IReadOnlyList<string> Fail(Server server)
    {
        server.RunState = Inferred.InferredChoices.FailedServerRunState;
        var log = new List<string>();
        foreach (var vm in world.Store.All<Vm>().Where(v => v.Server == server && v.RunState == "RUNNING").ToList())
        {
            log.Add(GoDown(vm, server));
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
        if (server.Pool is { Master: null } pool)
        {
            pool.Master = server;
        }
        // The master initiates pending HA operations when a server rejoins (reference 11).
        return RestartDue(includeWaiting: true);
    }

    /// <summary>HA restarts whose fencing delay has passed (and, when a server rejoined, those that waited for room).</summary>
    public IReadOnlyList<string> RestartDue(bool includeWaiting = false)
    {
        var log = new List<string>();
        foreach (var vm in world.Store.All<Vm>().Where(v => v.PendingHaRestart && v.Pool is not null).ToList())
        {
            var due = vm.HaRestartDueAt is { } at ? at <= world.Now : includeWaiting;
            if (!due)
            {
                continue;
            }

            if (Candidates(vm.Pool!, vm).FirstOrDefault() is { } target)
            {
                Start(vm, target);
                vm.PendingHaRestart = false;
                vm.HaRestartDueAt = null;
                log.Add($"{vm.Name}: restarted by HA on {target.Name}");
            }
            else if (vm.HaRestartDueAt is not null)
            {
                // Powered off until a server with room becomes available (reference 11, UG 3.0 6.4).
                vm.HaRestartDueAt = null;
                log.Add($"{vm.Name}: HA restart pending (no other running server of {vm.Pool!.Name} has {vm.Memory} MB free)");
            }
        }
        return log;
    }

    /// <summary>The next instant an HA restart becomes due, for the clock-driven pump.</summary>
    public DateTimeOffset? NextRestart() =>
        world.Store.All<Vm>().Where(v => v.PendingHaRestart && v.HaRestartDueAt is not null).Min(v => v.HaRestartDueAt);

    private string GoDown(Vm vm, Server failed)
    {
        vm.RunState = "STOPPED";
        vm.Server = null;
        vm.BootedAt = null;
        vm.PausedUntil = null;
        if (world.Hosts.TryGetValue(vm.Name, out var host))
        {
            world.Installer.Interrupt(host, $"VM {vm.Name} went down with server {failed.Name}");
        }
        if (!vm.HighAvailability || failed.Pool is not { Cluster: not null } pool)
        {
            return $"{vm.Name}: stopped (no HA)";
        }
        vm.PendingHaRestart = true;
        vm.HaRestartDueAt = world.Now + world.Settings.Scaled(world.Settings.HaRestartSeconds);
        return $"{vm.Name}: down with {failed.Name}; HA restart in pool {pool.Name} after {world.Settings.HaRestartSeconds} s (fencing)";
    }

    /// <summary>Running servers of the pool the VM's repository is presented to, with room for its memory, least loaded first.</summary>
    public IEnumerable<Server> Candidates(ServerPool pool, Vm vm) =>
        pool.Servers(world.Store.All<Server>())
            .Where(s => s.RunState == "RUNNING")
            .Where(s => vm.Repository is null || vm.Repository.PresentedServers.Count == 0 || vm.Repository.PresentedServers.Contains(s))
            .Where(s => s == vm.Server || FreeMemoryMb(s) >= vm.Memory)
            .OrderBy(s => world.Store.All<Vm>().Count(v => v.Server == s));

    /// <summary>Usable memory less the memory of the VMs running there.</summary>
    public long FreeMemoryMb(Server server) =>
        server.UsableMemoryMb - world.Store.All<Vm>().Where(v => v.Server == server && v.RunState is "RUNNING" or "SUSPENDED").Sum(v => v.Memory);

    public void Start(Vm vm, Server server)
    {
        vm.Server = server;
        vm.RunState = "RUNNING";
        vm.BootedAt = world.Now + world.Settings.Scaled(world.Settings.VmBootSeconds);
        vm.PausedUntil = null;
    }
}
