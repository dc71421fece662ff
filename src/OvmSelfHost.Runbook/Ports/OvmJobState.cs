namespace OvmSelfHost.Runbook.Ports;

public enum OvmJobState
{
    InProgress,
    Succeeded,
    Failed,
    Aborted,

    /// <summary>Still "In Progress" after the wait allowed for it: a person decides.</summary>
    Hung,
}
