namespace OvmSelfHost.Runbook.Runs;

/// <summary>Where a migration is in its life; the current step is kept beside it.</summary>
public enum RunState
{
    /// <summary>Created, waiting to begin (no adapter yet, or a maintenance window).</summary>
    Queued,
    /// <summary>The current step is next; the engine will open its gate or run it.</summary>
    Ready,
    /// <summary>The current step waits for approval before it runs.</summary>
    AwaitingApproval,
    Running,
    /// <summary>The current step ran and found something a person must accept before going on.</summary>
    AwaitingAcknowledgement,
    Paused,
    Failed,
    Rejected,
    /// <summary>Someone asked for a rollback; it waits for its approvals.</summary>
    RollbackPending,
    RollingBack,
    RolledBack,
    Aborted,
    Completed,
}
