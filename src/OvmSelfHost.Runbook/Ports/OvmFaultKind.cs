namespace OvmSelfHost.Runbook.Ports;

public enum OvmFaultKind
{
    /// <summary>Could not reach the manager or host at all (connection refused, timeout, TLS).</summary>
    Unreachable,
    /// <summary>Credentials refused (AUTH_000005, SSH auth failure).</summary>
    Unauthorized,
    /// <summary>The host key or certificate did not match the pinned one.</summary>
    UntrustedPeer,
    /// <summary>Unknown id (GEN_000002).</summary>
    NotFound,
    /// <summary>Stale generation (GEN_000011).</summary>
    Conflict,
    /// <summary>The object is locked by another job (GEN_000029).</summary>
    Locked,
    /// <summary>A job, command or installer ran and failed.</summary>
    OperationFailed,
    /// <summary>The peer answered with something we cannot read (malformed JSON, missing .config key).</summary>
    BadResponse,
}
