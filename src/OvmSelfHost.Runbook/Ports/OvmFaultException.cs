namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// An Oracle VM or host failure an adapter has turned into words a person can act on. The message
/// never carries a secret. <see cref="JobId"/> is kept whenever a job was involved.
/// </summary>
public sealed class OvmFaultException(OvmFaultKind kind, string message, string? code = null, string? jobId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public OvmFaultKind Kind { get; } = kind;

    /// <summary>Oracle VM's error code (GEN_000002, AUTH_000005 …) when it gave one.</summary>
    public string? Code { get; } = code;

    public string? JobId { get; } = jobId;
}
