using OvmSelfHost.Simulator.Hosts;
using OvmSelfHost.Simulator.World;
using OvmSelfHost.Simulator.WsApi;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Turns a manager into its public snapshot. Caller holds the world lock.</summary>
internal static class ManagerDescription
{
    public static SimulatedManagerInfo Of(SimulationWorld world, SimManager m, string bindAddress)
    {
        var managed = world.ManagedEnvironment(m);
        var hostEnvironment = world.Hosts.TryGetValue(m.HostName, out var host) && host.Kind == HostKind.VirtualMachine
            ? world.EnvironmentOf(host)
            : null;
        return Describe(m, bindAddress, world.RunState(m), managed, hostEnvironment);
    }

    private static SimulatedManagerInfo Describe(SimManager m, string bindAddress, string runState, string? managed, string? hostEnvironment) => new(
        m.Name, m.HostName, managed, hostEnvironment, managed is not null && managed == hostEnvironment, m.Uuid, runState,
        new Uri($"https://{bindAddress}:{m.HttpsPort}{WsApiHandler.BasePath}"),
        new Uri($"http://{bindAddress}:{m.HttpPort}{WsApiHandler.BasePath}"),
        m.HttpsPort, m.HttpPort, m.User, m.Password);
}
