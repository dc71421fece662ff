namespace OvmSelfHost.Runbook.Ports;

/// <param name="RunState">As Oracle VM spells it: STARTING, RUNNING, STOPPING, STOPPED.</param>
public sealed record ManagerStatus(string Id, string Name, string ManagerUuid, string RunState)
{
    public bool IsRunning => string.Equals(RunState, "RUNNING", StringComparison.OrdinalIgnoreCase);
}
