namespace OvmSelfHost.Runbook.Ports;

public enum ManagerRole
{
    /// <summary>The manager the environment starts with, on its physical server.</summary>
    Original,

    /// <summary>The manager installed on the HA VM hosted by the other environment.</summary>
    Replacement,
}
