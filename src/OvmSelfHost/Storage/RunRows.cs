using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>A run as stored: its row, its children, the last link of its journal chain and who holds its lease (read in one round trip).</summary>
internal sealed record RunRows(
    MigrationRow Migration,
    List<StepRow> Steps,
    List<VoteRow> Votes,
    List<IntentRow> Intents,
    List<VoteSignInRow> SignIns,
    AuditLinkRow? LastLink,
    LeaseRow? Lease)
{
    /// <summary>The replica executing the run now: a live, unreleased lease.</summary>
    public string? ExecutorAt(DateTime utcNow) => Lease is { Released: false } lease && lease.ExpiresAt > utcNow ? lease.Replica : null;

    public MigrationRun ToRun(DateTime utcNow)
    {
        var run = RunMapping.ToRun(Migration, Steps, Votes, Intents, SignIns);
        run.Executor = ExecutorAt(utcNow);
        return run;
    }

    /// <summary>
    /// The rows of <paramref name="run"/> as a save at <paramref name="version"/> writes them. Votes are numbered in the
    /// run's order (their stored ids are the database's; only the order is read back).
    /// </summary>
    public static RunRows Of(MigrationRun run, long version, AuditLinkRow? lastLink, LeaseRow? lease)
    {
        ArgumentNullException.ThrowIfNull(run);
        var migration = new MigrationRow();
        run.CopyTo(migration);
        migration.Version = version;
        return new RunRows(
            migration,
            [.. run.Steps.Select(s => RunMapping.ToRow(s, run.Id))],
            [.. run.Votes.Select((v, i) => Numbered(v.ToRow(run.Id), i + 1))],
            [.. run.Intents.Select(i => RunMapping.ToRow(i, run.Id))],
            [.. run.Votes.Where(v => v.Authentication is not null).Select(v => v.ToSignInRow(run.Id))],
            lastLink,
            lease);
    }

    private static VoteRow Numbered(VoteRow row, long id)
    {
        row.Id = id;
        return row;
    }
}
