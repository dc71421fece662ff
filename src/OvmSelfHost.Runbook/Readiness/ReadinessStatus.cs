namespace OvmSelfHost.Runbook.Readiness;

/// <summary>A readiness check's verdict, worst last.</summary>
public enum ReadinessStatus
{
    Pass,
    Warn,
    Fail,
}
