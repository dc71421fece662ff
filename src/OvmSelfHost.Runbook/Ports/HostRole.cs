namespace OvmSelfHost.Runbook.Ports;

public enum HostRole
{
    /// <summary>The physical server that runs the original manager.</summary>
    OriginalManager,

    /// <summary>The new VM, hosted by the other environment, that will run the replacement manager.</summary>
    ReplacementVm,

    /// <summary>The separate database VM, when the manager's database does not run beside it.</summary>
    Database,
}
