using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// The engine's one way to change a run: load, change, save (with its journal lines and chat notice),
/// then tell. Changes to one run in this process are applied one at a time (Stateless machines are not
/// thread-safe). A change is first decided on the store's copy of the run (no read); a save that loses to
/// another's (or a stale copy) is decided again from a fresh read, up to <see cref="ConflictRetries"/> times,
/// and so is a change a copy made nothing of, so nobody is refused on a stale view. The executor's saves
/// carry its lease's fence, people's do not.
/// </summary>
/// <param name="clocks">Starts the clock of a gate opening with a time policy in the save that opens it; null: gates have no time policy.</param>
public sealed class RunChanges(IMigrationStore store, IRunNotifier notifier, TimeProvider time, GateClocks? clocks = null)
{
    public const int ConflictRetries = 5;
    private readonly RunLocks locks = new();

    public IMigrationStore Store => store;

    public IRunNotifier Notifier => notifier;

    public TimeProvider Time => time;

    /// <param name="change">Given the fresh run (null when it does not exist): the result, and the message to save and tell, or null to save nothing.</param>
    /// <param name="delivery">The delivery a saved change answers, claimed with it (see <see cref="DeliveryReceipt"/>).</param>
    public async Task<T> ApplyAsync<T>(
        Guid id, RunFence fence, Func<MigrationRun?, List<AuditEntry>, (T Result, string? Saved)> change, CancellationToken cancellationToken,
        Func<T, ClaimedDelivery>? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; ; attempt++)
        {
            using var held = await locks.AcquireAsync(id, cancellationToken);
            var (run, fresh) = attempt == 0 ? await store.FindForChangeAsync(id, cancellationToken) : (await store.FindAsync(id, cancellationToken), true);
            var journal = new List<AuditEntry>();
            var (result, message) = change(run, journal);
            if (run is null || message is null)
            {
                if (!fresh)
                {
                    continue;
                }

                return result;
            }

            clocks?.Start(run);
            run.UpdatedAt = time.GetUtcNow();
            try
            {
                await store.SaveAsync(run, journal, RunNotice.Changed(message), fence, cancellationToken, delivery?.Invoke(result));
            }
            catch (ConcurrentUpdateException) when (attempt < ConflictRetries)
            {
                continue;
            }

            held.Dispose();
            await notifier.RunChangedAsync(run, message, cancellationToken);
            return result;
        }
    }

    public AuditEntry Journal(MigrationRun run, string actor, string channel, string action, string detail)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, time.GetUtcNow(), actor, channel, action, detail);
    }

    public static void MoveToNextStep(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Definition.Procedure.Next(run.Phase, run.Step) is { } next)
        {
            (run.Phase, run.Step) = next;
        }
    }
}
