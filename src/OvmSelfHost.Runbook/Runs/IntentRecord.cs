namespace OvmSelfHost.Runbook.Runs;

/// <summary>
/// A side effect, written down before it is attempted. An Oracle VM job id is stored the moment
/// it is returned, so a restarted engine waits for that job instead of calling again.
/// </summary>
public sealed class IntentRecord
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required int Phase { get; init; }
    public required string Step { get; init; }

    /// <summary>Unique within a run and phase, e.g. "CreateManagerVm:create".</summary>
    public required string Key { get; init; }
    public required string Description { get; init; }
    public IntentStatus Status { get; set; }
    public string? JobId { get; set; }
    public string? ResultId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
}
