namespace OvmSelfHost.Ovm.WsApi.Model;

/// <summary>What every modifying call returns. Poll <see cref="SummaryDone"/> (parent and children done).</summary>
internal sealed record Job : OvmObject
{
    public bool Done { get; init; }

    public bool SummaryDone { get; init; }

    /// <summary>NONE, CREATED, RUNNING, SUCCESS, FAILURE, CHILD_QUEUED, CHILD_RUNNING.</summary>
    public string? JobRunState { get; init; }

    public string? JobSummaryState { get; init; }

    public SimpleId? ResultId { get; init; }

    public JobError? Error { get; init; }

    public string? WsErrorCode { get; init; }

    public string? ProgressMessage { get; init; }

    public string? LatestSummaryProgressMessage { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }
}
