namespace OvmSelfHost.Simulator.Faults;

public enum FaultKind
{
    Http500,
    Timeout,
    JobFailure,
    JobHang,
    LockedObject,
}
