using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Words;

namespace OvmSelfHost.Runbook.Runs;

/// <summary>
/// What a person reads for a run's state, a step and a step's status, in every reply, card and message;
/// the enum names (<c>AwaitingApproval</c>, <c>CreateManagerVm</c>) stay in the API and the journal.
/// </summary>
public static class PersonFacingNames
{
    public static string Of(RunState state) => state switch
    {
        RunState.Queued => "queued",
        RunState.Ready => "ready",
        RunState.AwaitingApproval => "waiting for approval",
        RunState.Running => "running",
        RunState.AwaitingAcknowledgement => "waiting for acknowledgement",
        RunState.Paused => "paused",
        RunState.Failed => "failed",
        RunState.Rejected => "rejected",
        RunState.RollbackPending => "rollback waiting for approval",
        RunState.RollingBack => "rolling back",
        RunState.RolledBack => "rolled back",
        RunState.Aborted => "aborted",
        RunState.Completed => "completed",
        _ => state.ToString(),
    };

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Pending => "to do",
        StepStatus.AwaitingApproval => "needs approval",
        StepStatus.Running => "running",
        StepStatus.AwaitingAcknowledgement => "needs acknowledgement",
        StepStatus.Succeeded => "done",
        StepStatus.Skipped => "skipped",
        StepStatus.Failed => "failed",
        StepStatus.Rejected => "rejected",
        _ => status.ToString(),
    };

    public static string Of(StepKind step) => Procedure.Step(step).Title;

    /// <summary>A gate as a person reads it: a step's gate by the step's title, the other gates (acknowledgement, rollback…) by name.</summary>
    public static string OfGate(GateKey? gate) => gate is { } g && g.IsStep(out var step) ? Of(step) : gate?.Name ?? "";
}
