using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Simulated;

/// <summary>A simulated environment's server power: the simulator's control API fails and recovers servers (HA reacts as in Oracle VM).</summary>
internal sealed class SimulatedServerPower(ISimulatorControlApi api, string controlUrl) : IServerPower
{
    private readonly WsApiFaults faults = new(new ManagerEndpoint($"simulator {controlUrl}", "-", "Simulated"));

    public Task FailAsync(string serverName, CancellationToken cancellationToken) =>
        faults.ContentAsync(() => api.ChangeServer(serverName, "fail", cancellationToken), $"stop server {serverName}");

    public Task RecoverAsync(string serverName, CancellationToken cancellationToken) =>
        faults.ContentAsync(() => api.ChangeServer(serverName, "recover", cancellationToken), $"start server {serverName}");
}
