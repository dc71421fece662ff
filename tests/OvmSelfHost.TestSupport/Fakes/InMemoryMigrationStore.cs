using System.Text.Json;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.TestSupport.Fakes;

/// <summary>
/// Keeps runs as JSON, so every load is a fresh copy as from a database, and checks versions as the
/// real store does. Fences are not checked here (no lease rows): the real store checks them, tested
/// against SQLite and PostgreSQL in the host's tests.
/// </summary>
public sealed class InMemoryMigrationStore : IMigrationStore
{
    private readonly Dictionary<Guid, string> runs = [];
    private readonly List<AuditEntry> audit = [];
    private readonly List<AuditLink> links = [];
    private readonly Dictionary<string, Guid> claims = [];
    private readonly Dictionary<string, string> deliveries = [];
    private readonly object gate = new();

    public int IntentWrites { get; private set; }

    /// <summary>The notices saved with changes (and output lines), as the outbox would get them.</summary>
    public List<(Guid MigrationId, RunState State, RunNotice Notice)> Notices { get; } = [];

    public Task AddAsync(MigrationRun run, AuditEntry entry, RunNotice? notice, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (run.Environments.FirstOrDefault(claims.ContainsKey) is { } busy)
            {
                throw new EnvironmentBusyException(busy);
            }

            run.Environments.ToList().ForEach(e => claims[e] = run.Id);
            runs[run.Id] = JsonSerializer.Serialize(run);
            Append(run, [entry]);
            Keep(run, notice);
        }

        return Task.CompletedTask;
    }

    public Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(runs.TryGetValue(id, out var json) ? JsonSerializer.Deserialize<MigrationRun>(json) : null);
        }
    }

    public Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<MigrationRun>>(runs.Values.Select(j => JsonSerializer.Deserialize<MigrationRun>(j)!).ToList());
        }
    }

    /// <summary>The deliveries claimed with saves, and the answers kept for their replays.</summary>
    public IReadOnlyDictionary<string, string> Deliveries
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, string>(deliveries);
            }
        }
    }

    public Task SaveAsync(
        MigrationRun run, IReadOnlyList<AuditEntry> entries, RunNotice? notice, RunFence fence, CancellationToken cancellationToken, ClaimedDelivery? delivery = null)
    {
        lock (gate)
        {
            if (delivery is not null && !deliveries.TryAdd(delivery.Key, delivery.Answer))
            {
                throw new DeliveryAlreadyClaimedException(delivery.Key);
            }

            var stored = JsonSerializer.Deserialize<MigrationRun>(runs[run.Id])!;
            if (stored.Version != run.Version)
            {
                if (delivery is not null)
                {
                    deliveries.Remove(delivery.Key);
                }

                throw new ConcurrentUpdateException(run.Id);
            }

            // Intents are written by SaveIntentAsync; a save never moves one backwards.
            foreach (var intent in stored.Intents.Where(i => run.Intents.All(r => r.Id != i.Id)))
            {
                run.Intents.Add(intent);
            }

            run.Version++;
            runs[run.Id] = JsonSerializer.Serialize(run);
            Append(run, entries);
            Keep(run, notice);
            if (run.IsTerminal)
            {
                foreach (var env in run.Environments)
                {
                    claims.Remove(env);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task NotifyAsync(MigrationRun run, RunNotice notice, RunFence fence, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Keep(run, notice);
        }

        return Task.CompletedTask;
    }

    public Task SaveIntentAsync(Guid migrationId, IntentRecord intent, RunFence fence, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var stored = JsonSerializer.Deserialize<MigrationRun>(runs[migrationId])!;
            stored.Intents.RemoveAll(i => i.Id == intent.Id);
            stored.Intents.Add(intent);
            runs[migrationId] = JsonSerializer.Serialize(stored);
            IntentWrites++;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IntentRecord>> CompletedJobsAsync(int perKind, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var intents = runs.Values.SelectMany(j => JsonSerializer.Deserialize<MigrationRun>(j)!.Intents)
                .Where(i => i is { Status: IntentStatus.Completed, JobId: not null, CompletedAt: not null });
            return Task.FromResult<IReadOnlyList<IntentRecord>>(intents.GroupBy(i => OperationDurations.KindOf(i.Key))
                .SelectMany(g => g.OrderByDescending(i => i.CompletedAt).Take(perKind)).ToList());
        }
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(audit.Where(a => a.MigrationId == migrationId).ToList());
        }
    }

    public Task<IReadOnlyList<ChainedAuditEntry>> GetChainedAuditAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ChainedAuditEntry>>(audit
                .Select((entry, i) => new ChainedAuditEntry(i + 1, entry, links[i]))
                .Where(e => e.Entry.MigrationId == migrationId)
                .ToList());
        }
    }

    private void Append(MigrationRun run, IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            var last = audit.Select((e, i) => (e, i)).LastOrDefault(x => x.e.MigrationId == run.Id) is { e: not null } found ? links[found.i] : null;
            links.Add(JournalChain.Next(entry, last, run.CreatedAt));
            audit.Add(entry);
        }
    }

    private void Keep(MigrationRun run, RunNotice? notice)
    {
        if (notice is not null)
        {
            Notices.Add((run.Id, run.State, notice));
        }
    }
}
