using OvmSelfHost.Simulator.World;
using OvmSelfHost.Simulator.WsApi;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>Turns a manager into its public snapshot. Caller holds the world lock.</summary>
internal static class ManagerDescription
{
    public static SimulatedManagerInfo Of(SimulationWorld world, SimManager m, string bindAddress) => new(
        m.Name, m.HostName, world.ManagedEnvironment(m), m.Uuid, world.RunState(m),
        new Uri($"https://{bindAddress}:{m.HttpsPort}{WsApiHandler.BasePath}"),
        new Uri($"http://{bindAddress}:{m.HttpPort}{WsApiHandler.BasePath}"),
        m.HttpsPort, m.HttpPort, m.User, m.Password);
}
