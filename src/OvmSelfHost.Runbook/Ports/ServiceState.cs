namespace OvmSelfHost.Runbook.Ports;

public enum ServiceState
{
    Unknown,
    Running,
    Stopped,
}
