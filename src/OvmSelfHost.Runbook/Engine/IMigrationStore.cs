using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// Where runs, their steps, votes, intents and the audit journal live. Every write the executor makes
/// carries its lease's <see cref="RunFence"/>: the store checks it in the write's own transaction and
/// throws <see cref="LeaseLostException"/> (writing nothing) when another replica holds the run now.
/// People's changes pass <see cref="RunFence.None"/> and are checked by the run's version only.
/// </summary>
public interface IMigrationStore
{
    /// <summary>
    /// Adds a new run and claims its environments, with <paramref name="notice"/> for the chat channels, in
    /// one transaction; throws <see cref="EnvironmentBusyException"/> when one is claimed.
    /// </summary>
    Task AddAsync(MigrationRun run, AuditEntry entry, RunNotice? notice, CancellationToken cancellationToken);

    Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The run to decide a change on: a store may answer from its own copy, without a read (<c>Fresh</c> false), since
    /// <see cref="SaveAsync"/> refuses a save from a stale one. A change that a copy made nothing of is decided again on a read.
    /// </summary>
    async Task<(MigrationRun? Run, bool Fresh)> FindForChangeAsync(Guid id, CancellationToken cancellationToken) =>
        (await FindAsync(id, cancellationToken), true);

    Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves the run if nobody saved it since it was loaded (else <see cref="ConcurrentUpdateException"/>),
    /// with its journal lines and <paramref name="notice"/> for the chat channels (the outbox), in one
    /// transaction; bumps <see cref="MigrationRun.Version"/>. Releases the environments when the run has ended.
    /// </summary>
    /// <param name="delivery">
    /// The delivery the change answers, claimed in the same transaction; when it was claimed before, nothing is saved
    /// (<see cref="DeliveryAlreadyClaimedException"/>).
    /// </param>
    Task SaveAsync(
        MigrationRun run, IReadOnlyList<AuditEntry> entries, RunNotice? notice, RunFence fence, CancellationToken cancellationToken, ClaimedDelivery? delivery = null);

    /// <summary>Writes a notice that reports no state change of its own (a step's output line) to the outbox, at once.</summary>
    Task NotifyAsync(MigrationRun run, RunNotice notice, RunFence fence, CancellationToken cancellationToken);

    /// <summary>Writes one intent at once, independently of the run's version.</summary>
    Task SaveIntentAsync(Guid migrationId, IntentRecord intent, RunFence fence, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(Guid migrationId, CancellationToken cancellationToken);

    /// <summary>
    /// The latest <paramref name="perKind"/> completed Oracle VM jobs of each kind (see <see cref="OperationDurations.KindOf"/>),
    /// of every run: how long such jobs take here, whichever replica or start waited for them.
    /// </summary>
    Task<IReadOnlyList<IntentRecord>> CompletedJobsAsync(int perKind, CancellationToken cancellationToken);

    /// <summary>
    /// The journal as stored, in the order it was written, each entry with its <see cref="AuditLink"/>: every
    /// entry saved through this store is linked to the one before it in the transaction that saves it.
    /// </summary>
    Task<IReadOnlyList<ChainedAuditEntry>> GetChainedAuditAsync(Guid migrationId, CancellationToken cancellationToken);
}
