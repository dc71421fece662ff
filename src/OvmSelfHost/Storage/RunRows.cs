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

    public Runbook.Runs.MigrationRun ToRun(DateTime utcNow)
    {
        var run = RunMapping.ToRun(Migration, Steps, Votes, Intents, SignIns);
        run.Executor = ExecutorAt(utcNow);
        return run;
    }
}
