using System.Collections.Concurrent;

namespace OvmSelfHost.Runbook.Leases;

/// <summary>
/// Leases for an engine alone in its process with a store that keeps no lease rows (the runbook's own
/// tests): granted at once, never expiring, with a fresh token per grant. The host always uses the
/// database's lease rows, on SQLite as on PostgreSQL.
/// </summary>
public sealed class InProcessLeases(string replica = "this process") : IRunLeases
{
    private readonly ConcurrentDictionary<Guid, RunFence> held = new();
    private long tokens;

    public string Replica => replica;

    public TimeSpan Duration => TimeSpan.MaxValue;

    public Task<LeaseGrant?> TryAcquireAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        var fence = held.AddOrUpdate(migrationId,
            id => new RunFence(id, replica, Interlocked.Increment(ref tokens)),
            (id, _) => new RunFence(id, replica, Interlocked.Increment(ref tokens)));
        return Task.FromResult<LeaseGrant?>(new LeaseGrant(fence, DateTimeOffset.MaxValue, null, null, false));
    }

    public Task<IReadOnlyDictionary<Guid, DateTimeOffset>> RenewAsync(IReadOnlyCollection<RunFence> fences, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, DateTimeOffset>>(
            fences.Where(f => held.TryGetValue(f.MigrationId, out var h) && h == f).ToDictionary(f => f.MigrationId, _ => DateTimeOffset.MaxValue));

    public Task ReleaseAsync(RunFence fence, CancellationToken cancellationToken)
    {
        held.TryRemove(new KeyValuePair<Guid, RunFence>(fence.MigrationId, fence));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<Guid, string>> HoldersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(held.Keys.ToDictionary(k => k, _ => replica));
}
