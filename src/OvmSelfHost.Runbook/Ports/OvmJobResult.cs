namespace OvmSelfHost.Runbook.Ports;

/// <param name="ResultId">The id of the object the job created, when it created one.</param>
/// <param name="ErrorCode">The <c>GEN_xxxxx</c>-style code Oracle VM gave, when it failed.</param>
public sealed record OvmJobResult(
    string JobId,
    OvmJobState State,
    string? ResultId = null,
    string? ErrorMessage = null,
    string? ErrorCode = null)
{
    public bool IsDone => State is OvmJobState.Succeeded or OvmJobState.Failed or OvmJobState.Aborted;
}
