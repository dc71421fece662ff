using System.Collections.Concurrent;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// This process's copy of each run in flight, as rows at the version it last read or saved. A change is decided on it
/// and saved over it without reading the run first: the save's version check voids the write when the copy was
/// stale, and the change is decided again on a fresh read. Ended runs are not kept.
/// </summary>
internal sealed class RunCache
{
    private readonly ConcurrentDictionary<Guid, RunRows> runs = new();

    public RunRows? Get(Guid id) => runs.GetValueOrDefault(id);

    /// <summary>The copy when it is at <paramref name="version"/>.</summary>
    public RunRows? At(Guid id, long version) => Get(id) is { } rows && rows.Migration.Version == version ? rows : null;

    /// <summary>True when this process has a copy at <paramref name="version"/> or later.</summary>
    public bool IsCurrent(Guid id, long version) => Get(id) is { } rows && rows.Migration.Version >= version;

    /// <summary>Keeps <paramref name="rows"/> unless a newer copy is here already (a save that overtook a read); forgets an ended run.</summary>
    public void Remember(RunRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (StoredName.Parse<RunState>(rows.Migration.State) is RunState.Completed or RunState.Aborted or RunState.RolledBack)
        {
            runs.TryRemove(rows.Migration.Id, out _);
            return;
        }

        runs.AddOrUpdate(rows.Migration.Id, rows, (_, kept) => kept.Migration.Version > rows.Migration.Version ? kept : rows);
    }

    /// <summary>An intent written between saves (which gives the run no new version), into the copy, unless the copy knows it further on.</summary>
    public void Apply(Guid id, IntentRow intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        while (runs.TryGetValue(id, out var kept))
        {
            if (kept.Intents.SingleOrDefault(i => i.Id == intent.Id) is { } was && IntentProgress.Rank(was.Status) > IntentProgress.Rank(intent.Status))
            {
                return;
            }

            if (runs.TryUpdate(id, kept with { Intents = [.. kept.Intents.Where(i => i.Id != intent.Id), intent] }, kept))
            {
                return;
            }
        }
    }

    public void Forget(Guid id) => runs.TryRemove(id, out _);
}
