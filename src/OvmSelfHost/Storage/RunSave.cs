using Microsoft.EntityFrameworkCore.Metadata;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// A run's save as one batch of statements (<see cref="SqlBatch"/>: one round trip on PostgreSQL), written over the
/// rows as stored at the run's version. The checks come first and void the batch when they fail: the claim of the
/// delivery the change answers, the executor's fence, then the version. The rules of the rows are those of every
/// save: a step or an intent is written only when it changed, an intent only forward (in SQL too, since intents are
/// also written between saves), votes only added, each journal line chained to the one before; the outbox rows and,
/// between replicas, the NOTIFY go with the change.
/// </summary>
internal sealed class RunSave(IModel model, bool postgreSql)
{
    private readonly RowMap<MigrationRow> migrations = new(model);
    private readonly RowMap<StepRow> steps = new(model);
    private readonly RowMap<VoteRow> votes = new(model);
    private readonly RowMap<VoteSignInRow> signIns = new(model);
    private readonly RowMap<IntentRow> intents = new(model);
    private readonly RowMap<AuditRow> audit = new(model);
    private readonly RowMap<AuditLinkRow> links = new(model);
    private readonly RowMap<OutboxRow> outbox = new(model);
    private readonly RowMap<LeaseRow> leases = new(model);
    private readonly RowMap<EnvironmentClaimRow> claims = new(model);

    /// <summary>The key of the row inserted just before, in the same session.</summary>
    private string LastInsertedKey => postgreSql ? "lastval()" : "last_insert_rowid()";

    /// <param name="stored">The run's rows at <see cref="MigrationRun.Version"/> (read, or this process's copy: the version check catches a stale one).</param>
    /// <param name="announcement">The NOTIFY to the other replicas (channel, payload), sent at the commit; none on SQLite.</param>
    /// <param name="claim">The claim of the delivery the change answers (<see cref="EfDeliveryClaims.Claim"/>), first: a replay voids the batch.</param>
    /// <returns>The statements, and the run's rows as they will be once the batch commits.</returns>
    public (IReadOnlyList<SqlStatement> Statements, RunRows Saved) Build(
        MigrationRun run, RunRows stored, IReadOnlyList<AuditEntry> entries, IReadOnlyList<OutboxRow> notices, RunFence fence,
        (string Channel, string Payload)? announcement, SqlStatement? claim = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(stored);
        var batch = new List<SqlStatement>();
        if (claim is not null)
        {
            batch.Add(claim);
        }

        if (!fence.IsNone)
        {
            batch.Add(Fence(fence));
        }

        var saved = RunRows.Of(run, run.Version + 1, stored.LastLink, stored.Lease);
        batch.Add(Version(saved.Migration, run.Version, stored.Intents));
        batch.AddRange(saved.Steps.Where(s => Changed(s, stored.Steps)).Select((s, i) =>
            steps.Upsert(s, $"s{i}_", [nameof(StepRow.MigrationId), nameof(StepRow.Phase), nameof(StepRow.Kind)])));
        batch.AddRange(saved.Votes.Skip(stored.Votes.Count).Select((v, i) => votes.Insert(v, $"v{i}_")));
        var knownSignIns = stored.SignIns.Select(s => (s.Phase, s.Gate, s.Round, s.User)).ToHashSet();
        batch.AddRange(saved.SignIns.Where(s => !knownSignIns.Contains((s.Phase, s.Gate, s.Round, s.User))).Select((s, i) => signIns.Insert(s, $"a{i}_")));
        batch.AddRange(saved.Intents.Where(i => Advances(i, stored.Intents)).Select(IntentForward));
        saved = saved with { LastLink = Chain(batch, run, entries, stored.LastLink) };
        if (run.IsTerminal)
        {
            batch.Add(new SqlStatement(
                $"DELETE FROM {claims.QuotedTable} WHERE {claims.ColumnOf(nameof(EnvironmentClaimRow.MigrationId))} = @c0",
                [claims.Value("@c0", nameof(EnvironmentClaimRow.MigrationId), new EnvironmentClaimRow { MigrationId = run.Id })]));
        }

        batch.AddRange(notices.Select((o, i) => outbox.Insert(o, $"o{i}_")));
        if (announcement is { } notify)
        {
            batch.Add(new SqlStatement("SELECT pg_notify(@n0, @n1)", [new SqlValue("@n0", notify.Channel), new SqlValue("@n1", notify.Payload)]));
        }

        return (batch, saved);
    }

    /// <summary>An intent as an upsert that never moves a stored one back (the executor may have written it further since the copy).</summary>
    private SqlStatement IntentForward(IntentRow intent, int index)
    {
        var status = intents.ColumnOf(nameof(IntentRow.Status));
        return intents.Upsert(intent, $"i{index}_", [nameof(IntentRow.Id)], IntentProgress.AdvancesSql($"{intents.QuotedTable}.{status}", $"excluded.{status}"));
    }

    /// <summary>Touching the lease row (its token set to itself) also keeps any new grant waiting until the commit.</summary>
    private SqlStatement Fence(RunFence fence)
    {
        var lease = new LeaseRow { Key = EfLeases.RunKey(fence.MigrationId), Instance = fence.Instance, Token = fence.Token };
        var token = leases.ColumnOf(nameof(LeaseRow.Token));
        return new SqlStatement(
            $"UPDATE {leases.QuotedTable} SET {token} = {token} WHERE {leases.ColumnOf(nameof(LeaseRow.Key))} = @f0 " +
            $"AND {leases.ColumnOf(nameof(LeaseRow.Instance))} = @f1 AND {token} = @f2 AND NOT {leases.ColumnOf(nameof(LeaseRow.Released))}",
            [leases.Value("@f0", nameof(LeaseRow.Key), lease), leases.Value("@f1", nameof(LeaseRow.Instance), lease), leases.Value("@f2", nameof(LeaseRow.Token), lease)],
            SqlGuard.Fence);
    }

    /// <summary>
    /// The version, and the run's intents as the copy knows them: the executor writes intents between saves without a new
    /// version, and a decision (an abort before the point of no return, say) must not be made on a copy that misses one.
    /// Intents are only added and only move forward, so their count and the sum of their ranks change with every write.
    /// </summary>
    private SqlStatement Version(MigrationRow row, long readAt, List<IntentRow> knownIntents)
    {
        var intentsOfRun = $"FROM {intents.QuotedTable} WHERE {intents.ColumnOf(nameof(IntentRow.MigrationId))} = @mi";
        var status = intents.ColumnOf(nameof(IntentRow.Status));
        var where = $"{migrations.ColumnOf(nameof(MigrationRow.Version))} = @mv AND (SELECT count(*) {intentsOfRun}) = @mc " +
                    $"AND (SELECT COALESCE(sum({IntentProgress.RankSql(status)}), 0) {intentsOfRun}) = @mr";
        return migrations.Update(row, "m", [nameof(MigrationRow.Id)], where,
        [
            migrations.Value("@mv", nameof(MigrationRow.Version), new MigrationRow { Version = readAt }),
            intents.Value("@mi", nameof(IntentRow.MigrationId), new IntentRow { MigrationId = row.Id }),
            new SqlValue("@mc", (long)knownIntents.Count),
            new SqlValue("@mr", knownIntents.Sum(i => (long)IntentProgress.Rank(i.Status))),
        ]) with { Guard = SqlGuard.Version };
    }

    /// <summary>Each entry with its link, chained to the one before; the link names its entry by the key the entry's insert just got.</summary>
    private AuditLinkRow? Chain(List<SqlStatement> batch, MigrationRun run, IReadOnlyList<AuditEntry> entries, AuditLinkRow? last)
    {
        var previous = last is null ? null : new AuditLink(last.Sequence, last.PreviousHash, last.Hash);
        for (var i = 0; i < entries.Count; i++)
        {
            var link = JournalChain.Next(entries[i], previous, run.CreatedAt);
            var row = new AuditLinkRow { MigrationId = run.Id, Sequence = link.Sequence, PreviousHash = link.PreviousHash, Hash = link.Hash };
            batch.Add(audit.Insert(entries[i].ToRow(), $"j{i}_"));
            batch.Add(links.Insert(row, $"l{i}_", new Dictionary<string, string> { [nameof(AuditLinkRow.AuditId)] = LastInsertedKey }));
            (previous, last) = (link, row);
        }

        return last;
    }

    private static bool Changed(StepRow step, List<StepRow> stored) =>
        stored.SingleOrDefault(s => s.Phase == step.Phase && s.Kind == step.Kind) is not { } was
        || was.Status != step.Status || was.StartedAt != step.StartedAt || was.FinishedAt != step.FinishedAt
        || was.Message != step.Message || was.OutputJson != step.OutputJson;

    private static bool Advances(IntentRow intent, List<IntentRow> stored) =>
        stored.SingleOrDefault(i => i.Id == intent.Id) is not { } was || IntentProgress.Advances(was.Status, StoredName.Parse<IntentStatus>(intent.Status));
}
