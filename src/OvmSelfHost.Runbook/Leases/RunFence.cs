namespace OvmSelfHost.Runbook.Leases;

/// <summary>
/// The fencing token of a run's lease, carried by every save the executor makes: the store writes
/// only if the lease row still names this holder with this token, in the save's own transaction, so
/// a replica that lost its lease (paused, partitioned) can never save over the new holder.
/// </summary>
/// <param name="Instance">This process (the replica's name and a start-up nonce), never reused.</param>
/// <param name="Token">Grows by one at every grant: a later holder always has a larger token.</param>
public sealed record RunFence(Guid MigrationId, string Instance, long Token)
{
    /// <summary>A person's command: any replica may save it, checked by the run's version only.</summary>
    public static RunFence None { get; } = new(Guid.Empty, "", 0);

    public bool IsNone => Token == 0;
}
