namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// How long one gate's opening may wait for its decision, what happens then, when to remind, and who
/// is named when it is overdue.
/// </summary>
/// <param name="WaitFor">From the opening; null: until the run's maintenance window closes (no deadline for a run bound to none).</param>
/// <param name="RemindBefore">Reminders this long before the deadline, each posted once per opening.</param>
/// <param name="Escalation">People named in every reminder and in the timeout message, beside the approvers.</param>
public sealed record GateTimePolicy(TimeSpan? WaitFor, GateTimeout Then, IReadOnlyList<TimeSpan> RemindBefore, IReadOnlyList<string> Escalation)
{
    /// <summary>How the policy reads in a journal line or a message, naming where it is configured.</summary>
    public string Describe(GateKey gate) =>
        $"Runbook:GateTime:{gate} (wait {(WaitFor is { } wait ? $"{wait:c}" : "until the window closes")}, then {Then})";
}
