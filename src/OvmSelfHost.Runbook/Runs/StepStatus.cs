namespace OvmSelfHost.Runbook.Runs;

public enum StepStatus
{
    Pending,
    AwaitingApproval,
    Running,
    AwaitingAcknowledgement,
    Succeeded,
    Skipped,
    Failed,
    Rejected,
}
