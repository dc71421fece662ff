namespace OvmSelfHost.Runbook.Engine;

public enum OperatorAction
{
    Pause,
    Resume,
    Retry,
    Abort,
    Rollback,
}
