using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;
using OvmSelfHost.Simulator.WsApi;

namespace OvmSelfHost.Simulator.Ownership;

/// <summary><c>POST /Server/discover</c>: full discovery of an owned (or newly taken) server, partial of a foreign one.</summary>
internal static class ServerDiscovery
{
    public static WsReply Discover(WsContext c)
    {
        var name = c.Call.Q("serverName") ?? throw new WsException("GEN_000001", "serverName must be supplied");
        var take = string.Equals(c.Call.Q("takeOwnershipIfUnowned"), "true", StringComparison.OrdinalIgnoreCase);
        var password = JsonBody.IdValue(c.Call.Body);
        var (world, manager) = (c.World, c.Manager);
        return c.Submit($"Discover Manager Server {name}", JobKind.Discovery, [], () => Run(world, manager, name, password, take));
    }

    private static JobOutcome Run(SimulationWorld world, SimManager manager, string name, string? password, bool take)
    {
        var server = world.Store.All<Server>().FirstOrDefault(s =>
                string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Hostname, name, StringComparison.OrdinalIgnoreCase) || s.IpAddress == name)
            ?? throw new JobFailedException("OVMAPI_4004E", $"Server discover failed: cannot connect to {name}:8899 (unknown host)", "SERVER");
        if (server.RunState != "RUNNING")
            throw new JobFailedException("OVMAPI_4004E", $"Server discover failed: {name}:8899 is not reachable", "SERVER");
        if (password != server.AgentPassword)
            throw new JobFailedException("OVMAPI_4009E", $"Oracle VM Agent authentication failed for server {name} (user oracle)", "SERVER");
        if (world.Managers.FirstOrDefault(m => m != manager && m.Uuid == manager.Uuid && m.Knows(server) && world.IsUp(m)) is { } twin)
            throw new JobFailedException("OVMAPI_4012E", InferredChoices.SameUuidStillRunning(server.Name, manager.Uuid, twin.HostName), "SERVER");
        if (server.ManagerUuid is null && take)
        {
            server.ManagerUuid = manager.Uuid;
        }
        if (server.ManagerUuid == manager.Uuid)
        {
            OwnershipImport.OwnedServer(world.Store, manager, server);
            return new JobOutcome(server, $"Server {server.Name} discovered; owned by this manager");
        }
        manager.Learn(server);
        return server.ManagerUuid is null
            ? new JobOutcome(server, $"Server {server.Name} discovered; it is not owned by any manager (take ownership to use it)")
            : new JobOutcome(server, InferredChoices.OwnedByAnotherManager(server.Name, server.ManagerUuid));
    }
}
