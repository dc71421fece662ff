namespace OvmSelfHost.Runbook.Steps;

public enum HostingInterruptionKind
{
    /// <summary>The VM is not RUNNING (its server failed, and HA has not restarted it yet), or it is gone.</summary>
    VmDown,

    /// <summary>The VM runs again, on another server than the one the run last saw it on: HA restarted it.</summary>
    RestartedElsewhere,
}
