namespace OvmSelfHost.Runbook.Runs;

/// <summary>Operator triggers are imperatives; system events are in the past tense.</summary>
public enum RunTrigger
{
    // Operator
    Pause,
    Resume,
    Retry,
    Abort,
    Rollback,

    // System
    Started,
    ApprovalRequested,
    GateApproved,
    GateRejected,
    GateExpired,
    StepBegan,
    StepSucceeded,
    StepFailed,
    AcknowledgementRequested,
    RollbackSucceeded,
    RollbackFailed,
}
