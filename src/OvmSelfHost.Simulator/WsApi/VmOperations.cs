using OvmSelfHost.Simulator.HighAvailability;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Virtual machines: create, power actions, migrate, delete (reference 6.8).</summary>
internal static class VmOperations
{
    public static WsReply Create(WsContext c)
    {
        var body = c.CreateBody();
        var repository = c.Find<Repository>(body.IdOf("repositoryId"), "repositoryId");
        var pool = c.FindOptional<ServerPool>(body.IdOf("serverPoolId"));
        var name = body.Str("name") ?? "vm";
        return c.Submit($"Create Virtual Machine {name}", JobKind.Default, [], () =>
        {
            if (repository.ManagerUuid != c.Manager.Uuid)
                throw new JobFailedException("OVMRU_002044E", $"Repository {repository.Name} is owned by another manager");
            var vm = new Vm
            {
                Id = c.World.Ids.ObjectId("Vm"), Name = name, Description = body.Str("description") ?? "",
                Repository = repository, Pool = pool, Environment = pool?.Environment ?? repository.Environment,
            };
            vm.ApplySettings(body);
            c.Store.Add(vm);
            c.Manager.Learn(vm);
            return new JobOutcome(vm);
        });
    }

    public static WsReply Power(WsContext c, string id, string action)
    {
        var vm = c.Find<Vm>(id);
        if (vm.IsTemplate) throw new WsException("VM_000000", $"{vm.Name} is a template, not a virtual machine");
        var ha = new HaController(c.World);
        return c.Submit($"{char.ToUpperInvariant(action[0])}{action[1..]} VM {vm.Name}", JobKind.Default, [vm], () =>
        {
            switch (action)
            {
                case "start": Start(c, ha, vm); break;
                case "stop" or "kill": Stop(vm); break;
                case "restart": RequireState(vm, "RUNNING"); vm.BootedAt = c.World.Now; break;
                case "suspend": RequireState(vm, "RUNNING"); vm.RunState = "SUSPENDED"; break;
                case "resume": RequireState(vm, "SUSPENDED"); vm.RunState = "RUNNING"; break;
            }
            return new JobOutcome(vm);
        });
    }

    private static void Start(WsContext c, HaController ha, Vm vm)
    {
        if (vm.RunState == "RUNNING") return;
        var pool = vm.Pool ?? throw new JobFailedException("VM_000002", $"VM {vm.Name} is not in a server pool");
        var server = ha.Candidates(pool, vm).FirstOrDefault()
            ?? throw new JobFailedException("OVMAPI_6000E", $"No running server of pool {pool.Name} can start VM {vm.Name}");
        ha.Start(vm, server);
        vm.PendingHaRestart = false;
    }

    /// <summary>A VM stopped through the API is not restarted by HA.</summary>
    private static void Stop(Vm vm)
    {
        vm.RunState = "STOPPED";
        vm.Server = null;
        vm.BootedAt = null;
        vm.PendingHaRestart = false;
    }

    private static void RequireState(Vm vm, string state)
    {
        if (vm.RunState != state) throw new JobFailedException("OVMRU_005010E", $"VM {vm.Name} is {vm.RunState}, expected {state}");
    }

    public static WsReply Migrate(WsContext c, string id)
    {
        var vm = c.Find<Vm>(id);
        var target = c.FindOptional<Server>(c.Call.Q("serverId"));
        var ha = new HaController(c.World);
        // A live migration: the memory is copied while the guest runs (the job's duration), then the guest
        // pauses for the last pages and answers nothing until it resumes on the destination.
        return c.Submit($"Migrate VM {vm.Name}", JobKind.Migration, [vm], () =>
        {
            RequireState(vm, "RUNNING");
            if (vm.Pool is null) throw new JobFailedException("VM_000002", $"VM {vm.Name} is not in a server pool");
            var destination = target ?? ha.Candidates(vm.Pool, vm).FirstOrDefault(s => s != vm.Server)
                ?? throw new JobFailedException("OVMAPI_6001E", $"No other running server of pool {vm.Pool.Name} has {vm.Memory} MB free to migrate VM {vm.Name} to");
            if (destination == vm.Server)
                throw new JobFailedException("OVMAPI_6003E", $"VM {vm.Name} already runs on server {destination.Name}");
            if (destination.Pool != vm.Pool || destination.RunState != "RUNNING")
                throw new JobFailedException("VM_000002", $"Server {destination.Name} is not a running server of the VM's pool");
            if (!ha.Candidates(vm.Pool, vm).Contains(destination))
                throw new JobFailedException("OVMAPI_6002E",
                    $"Server {destination.Name} has {ha.FreeMemoryMb(destination)} MB free, VM {vm.Name} needs {vm.Memory} MB (or its repository is not presented there)");
            vm.Server = destination;
            vm.PausedUntil = c.World.Now + c.World.Settings.Scaled(c.World.Settings.MigrationPauseSeconds);
            return new JobOutcome(vm);
        });
    }

    public static WsReply Delete(WsContext c, string id)
    {
        var vm = c.Find<Vm>(id);
        return c.Submit($"Delete VM {vm.Name}", JobKind.Default, [vm], () =>
        {
            if (vm.RunState is "RUNNING" or "SUSPENDED") throw new JobFailedException("OVMRU_005011E", $"VM {vm.Name} must be stopped first");
            foreach (var part in c.Store.All<VmDiskMapping>().Where(m => m.Vm == vm).Cast<ModelObject>()
                         .Concat(c.Store.All<VirtualNic>().Where(n => n.Vm == vm)).ToList())
            {
                c.Store.Remove(part);
            }
            c.Store.Remove(vm);
            return new JobOutcome();
        });
    }
}
