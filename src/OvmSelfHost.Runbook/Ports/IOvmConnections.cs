namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// Resolves the managers and hosts of a configured environment. The adapters hold the addresses,
/// credentials and pinned keys; the runbook only names the role it needs.
/// </summary>
public interface IOvmConnections
{
    IOvmManager Manager(string environment, ManagerRole role);

    IManagerHost Host(string environment, HostRole role);

    /// <summary>The host's address as a person would type it in ssh (for messages that say where to act).</summary>
    string HostAddress(string environment, HostRole role) => $"{environment}'s {role} host";

    /// <summary>Power control of the environment's servers, for the failover drill; null when none is configured.</summary>
    IServerPower? ServerPower(string environment) => null;
}
