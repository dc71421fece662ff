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

    /// <summary>
    /// A person retried after this intent was left ambiguous: the step still observes first, and only
    /// when what it looks for cannot be seen does it take the retry as the decision to ask again.
    /// </summary>
    public bool RetriedByPerson => Status == IntentStatus.Recorded && Error?.StartsWith(RetriedPrefix, StringComparison.Ordinal) == true;

    public void MarkRetried(string user) => Error = $"{RetriedPrefix}{user}: observe, then ask again only if the effect cannot be seen";

    private const string RetriedPrefix = "retried by ";
}
