namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// One Oracle VM Manager as the runbook sees it through its WS-API. Every modifying call returns
/// a job ticket at once, so the engine can persist the job id before it waits for the job.
/// </summary>
public interface IOvmManager
{
    Task<ManagerStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The status from a single attempt, without the client's retries: for a manager that may well be down (an old
    /// manager after its cutover, a manager whose guest pauses), where a refused connection is an answer, not a hiccup.
    /// </summary>
    Task<ManagerStatus> ProbeStatusAsync(CancellationToken cancellationToken) => GetStatusAsync(cancellationToken);

    Task<EnvironmentInventory> GetInventoryAsync(CancellationToken cancellationToken);

    /// <summary>Issues one modifying call; returns as soon as Oracle VM has answered with a job.</summary>
    Task<OvmJobTicket> StartAsync(OvmOperation operation, CancellationToken cancellationToken);

    /// <summary>Reads a job once, without waiting.</summary>
    Task<OvmJobResult> GetJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Waits until the job is done (polling with backoff) or <paramref name="timeout"/> passes.</summary>
    /// <param name="expected">How long this kind of job usually takes, when known: the wait reads once near then instead of backing off blindly.</param>
    Task<OvmJobResult> WaitForJobAsync(string jobId, TimeSpan timeout, TimeSpan? expected, CancellationToken cancellationToken);

    Task<OvmJobResult> WaitForJobAsync(string jobId, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForJobAsync(jobId, timeout, null, cancellationToken);

    /// <summary>Waits until the manager reports <c>managerRunState RUNNING</c> or the timeout passes, looking once a second (one attempt per look).</summary>
    Task<ManagerStatus> WaitUntilRunningAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The certificate the manager presents on a fresh TLS connection; null when it is not reached over TLS.</summary>
    Task<CertificateReading?> ReadCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<CertificateReading?>(null);

    /// <summary>
    /// Whether <paramref name="attach"/>'s ISO is mapped to its VM; null when this manager cannot tell. How an attach
    /// whose intent was recorded, but whose job id was not, is observed (a mapping is not part of the inventory).
    /// </summary>
    Task<bool?> IsIsoAttachedAsync(AttachIso attach, CancellationToken cancellationToken) => Task.FromResult<bool?>(null);
}
