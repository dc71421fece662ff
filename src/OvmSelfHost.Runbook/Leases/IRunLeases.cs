namespace OvmSelfHost.Runbook.Leases;

/// <summary>
/// Who executes a run: one replica at a time holds its lease, renews it while it lives, and every
/// save it makes carries the lease's <see cref="RunFence"/>. A lease not renewed within
/// <see cref="Duration"/> may be taken by another replica, which gets a larger token.
/// </summary>
public interface IRunLeases
{
    /// <summary>This replica's name, as people see it (status, console, journal).</summary>
    string Replica { get; }

    /// <summary>How long a grant or renewal lasts without being renewed again.</summary>
    TimeSpan Duration { get; }

    /// <summary>
    /// Grants the lease when nobody holds it, it expired, or it was held by an earlier start of this very
    /// replica (which is dead, since names are unique): a new token each time. Null when another holds it.
    /// </summary>
    Task<LeaseGrant?> TryAcquireAsync(Guid migrationId, CancellationToken cancellationToken);

    /// <summary>Extends every given lease still held with its token; returns the ones that were, with their new expiry.</summary>
    Task<IReadOnlyDictionary<Guid, DateTimeOffset>> RenewAsync(IReadOnlyCollection<RunFence> held, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (graceful stop, or the run ended), so another replica may take it at once.</summary>
    Task ReleaseAsync(RunFence fence, CancellationToken cancellationToken);

    /// <summary>The replica holding each run's unexpired lease.</summary>
    Task<IReadOnlyDictionary<Guid, string>> HoldersAsync(CancellationToken cancellationToken);
}
