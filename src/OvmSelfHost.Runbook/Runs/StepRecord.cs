using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Runs;

/// <summary>What happened to one step of one phase.</summary>
public sealed class StepRecord
{
    public required int Phase { get; init; }
    public required StepKind Kind { get; init; }
    public StepStatus Status { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last thing the step said: its result, or why it failed.</summary>
    public string? Message { get; set; }

    /// <summary>The last lines of long-running output (the installer's).</summary>
    public List<string> Output { get; set; } = [];
}
