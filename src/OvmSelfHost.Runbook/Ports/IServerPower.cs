namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// Out-of-band power of an environment's Oracle VM Servers (their management interface; in the simulator, its
/// control API), for the harder HA drill: a server that stops as if it failed, and comes back.
/// </summary>
public interface IServerPower
{
    /// <summary>Stops the server at once, without shutting its VMs down: what a crash looks like to the cluster.</summary>
    Task FailAsync(string serverName, CancellationToken cancellationToken);

    /// <summary>Starts the server again; it rejoins its pool.</summary>
    Task RecoverAsync(string serverName, CancellationToken cancellationToken);
}
