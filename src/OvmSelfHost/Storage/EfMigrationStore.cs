using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// The runbook's store on EF Core (SQLite or PostgreSQL). Each call is its own unit of work; a change's
/// notice goes to the outbox in that same unit, so the chat channels hear of exactly what was saved.
/// </summary>
internal sealed class EfMigrationStore(
    IDbContextFactory<MigrationDbContext> contexts, OutboxWriter? outbox = null, TimeProvider? time = null, IChangeAnnouncer? announcer = null) : IMigrationStore
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly RunCache cache = new();
    private RunRowsQuery? runRows;
    private RunSave? runSave;

    public async Task AddAsync(MigrationRun run, AuditEntry entry, RunNotice? notice, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new MigrationRow();
        run.CopyTo(row);
        db.Migrations.Add(row);
        db.Steps.AddRange(run.Steps.Select(s => NewStepRow(run.Id, s)));
        var link = Chain(db, run, [entry], last: null);
        db.EnvironmentClaims.AddRange(run.Environments.Select(e => new EnvironmentClaimRow { Environment = e, MigrationId = run.Id }));
        var told = outbox?.Add(db, run, notice) == true;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (announcer?.Announcement(run, run.Version, notice?.Text ?? "requested") is { } notify)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({notify.Channel}, {notify.Payload})", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            var claimed = await ClaimedAsync(run.Environments, cancellationToken);
            throw new EnvironmentBusyException(claimed ?? string.Join(" or ", run.Environments), ex);
        }

        cache.Remember(RunRows.Of(run, run.Version, link, lease: null));
        Wake(told);
    }

    public async Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await ReadAsync(id, cancellationToken))?.ToRun(clock.GetUtcNow().UtcDateTime);

    /// <summary>This process's copy when it has one (no round trip; <see cref="SaveAsync"/> checks it is current), else a read.</summary>
    public async Task<(MigrationRun? Run, bool Fresh)> FindForChangeAsync(Guid id, CancellationToken cancellationToken) =>
        cache.Get(id) is { } copy
            ? (copy.ToRun(clock.GetUtcNow().UtcDateTime), false)
            : (await FindAsync(id, cancellationToken), true);

    /// <summary>
    /// Reads the run unless this process's copy is at <paramref name="version"/> already (another replica saved it), so the
    /// next change here is decided and saved without a read.
    /// </summary>
    public async Task RefreshAsync(Guid id, long version, CancellationToken cancellationToken)
    {
        if (!cache.IsCurrent(id, version))
        {
            await ReadAsync(id, cancellationToken);
        }
    }

    private async Task<RunRows?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Reader(db).ReadAsync(db, id, cancellationToken);
        if (rows is null)
        {
            cache.Forget(id);
        }
        else
        {
            cache.Remember(rows);
        }

        return rows;
    }

    public async Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Migrations.AsNoTracking().Select(m => new { m.Id, m.CreatedAt }).ToListAsync(cancellationToken);
        var runs = new List<MigrationRun>();
        foreach (var row in rows.OrderByDescending(r => r.CreatedAt))
        {
            if (await Reader(db).ReadAsync(db, row.Id, cancellationToken) is { } stored)
            {
                runs.Add(stored.ToRun(clock.GetUtcNow().UtcDateTime));
            }
        }

        return runs;
    }

    /// <remarks>
    /// One round trip on PostgreSQL when this process has the run's rows at its version (it read or saved it last): the
    /// fence and version checks, the changes, the outbox rows and the NOTIFY to the other replicas in one batch
    /// (<see cref="RunSave"/>). Otherwise the rows are read first, in one more.
    /// </remarks>
    public async Task SaveAsync(
        MigrationRun run, IReadOnlyList<AuditEntry> entries, RunNotice? notice, RunFence fence, CancellationToken cancellationToken, ClaimedDelivery? delivery = null)
    {
        var stored = cache.At(run.Id, run.Version) ?? await ReadAsync(run.Id, cancellationToken);
        if (stored is null || stored.Migration.Version != run.Version)
        {
            throw new ConcurrentUpdateException(run.Id);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notices = outbox?.Rows(run, notice) ?? [];
        var (statements, saved) = Save(db).Build(run, stored, entries, notices, fence,
            announcer?.Announcement(run, run.Version + 1, notice?.Text ?? "changed"),
            delivery is null ? null : EfDeliveryClaims.Claim(delivery.Key, delivery.Channel, delivery.Answer, clock.GetUtcNow()));
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await SqlBatch.ExecuteAsync(db.Database.GetDbConnection(), transaction: null, statements, cancellationToken);
        }
        catch (Exception ex) when (ex is SqlConflictException or SqlGuardException { Guard: SqlGuard.Version })
        {
            // Another save came first (the version check, or the unique vote or journal index): decide again on a fresh read.
            cache.Forget(run.Id);
            throw new ConcurrentUpdateException(run.Id, ex);
        }
        catch (SqlGuardException ex) when (ex.Guard == SqlGuard.Delivery)
        {
            throw new DeliveryAlreadyClaimedException(delivery!.Key, ex);
        }
        catch (SqlGuardException ex) when (ex.Guard == SqlGuard.Fence)
        {
            throw new LeaseLostException(run.Id, $"the database names another holder than {fence.Instance} (token {fence.Token})");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        run.Version = saved.Migration.Version;
        cache.Remember(saved);
        Wake(notices.Count > 0);
    }

    /// <summary>
    /// Saves a vote on a made-up run inside a transaction that is rolled back, so that the first real vote after a
    /// start does not pay for building and binding the save's statements and the chat lines (about a second on a fresh
    /// replica). Nothing is committed; on PostgreSQL the journal's id sequence skips the rows it used.
    /// </summary>
    public async Task RehearseVoteAsync(MigrationRun madeUp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = madeUp;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = new MigrationRow();
        run.CopyTo(row);
        db.Migrations.Add(row);
        db.Steps.AddRange(run.Steps.Select(s => NewStepRow(run.Id, s)));
        await db.SaveChangesAsync(cancellationToken);

        var stored = await Reader(db).ReadAsync(db, run.Id, cancellationToken)
                     ?? throw new InvalidOperationException("The rehearsal's run was not read back inside its own transaction.");
        run = stored.ToRun(now.UtcDateTime);
        var gate = Runbook.Gates.GateKey.Of(run.Step);
        run.Votes.Add(new Runbook.Gates.Vote(run.Phase, gate, run.GateRound, "rehearsal", "web", Runbook.Gates.VoteDecision.Approve, null, now,
            new Runbook.People.Authentication("rehearsal", "rehearsal", now), null));
        var entry = new AuditEntry(run.Id, now, "rehearsal", "web", "approved", $"gate {gate} (rehearsal, never committed)");
        var (statements, _) = Save(db).Build(run, stored, [entry], outbox?.Rows(run, RunNotice.Changed("rehearsal")) ?? [], RunFence.None, announcement: null);
        await SqlBatch.ExecuteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), statements, cancellationToken);
        // Read back with its vote, as the executor reads a run right after a vote (rows of kinds the first read had none of).
        _ = (await Reader(db).ReadAsync(db, run.Id, cancellationToken))?.ToRun(now.UtcDateTime)
            ?? throw new InvalidOperationException("The rehearsal's voted run was not read back inside its own transaction.");
        await transaction.RollbackAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a run a rehearsal made up as this process's copy. The run is in no database, so a save over the copy is voided
    /// by its version check and decided again on a fresh read that finds nothing (see <see cref="Running.VoteRehearsal"/>).
    /// </summary>
    public void TakeMadeUpCopy(MigrationRun run) => cache.Remember(RunRows.Of(run, run.Version, lastLink: null, lease: null));

    public void ForgetCopy(Guid id) => cache.Forget(id);

    public async Task NotifyAsync(MigrationRun run, RunNotice notice, RunFence fence, CancellationToken cancellationToken)
    {
        if (outbox is null)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (outbox.Add(db, run, notice))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await EfLeases.CheckAsync(db, fence, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.Written();
        }
    }

    private void Wake(bool told)
    {
        if (told)
        {
            outbox!.Written();
        }
    }

    public async Task SaveIntentAsync(Guid migrationId, IntentRecord intent, RunFence fence, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EfLeases.CheckAsync(db, fence, cancellationToken);
        var row = await db.Intents.SingleOrDefaultAsync(i => i.Id == intent.Id, cancellationToken);
        if (row is null)
        {
            row = new IntentRow { MigrationId = migrationId };
            db.Intents.Add(row);
        }

        else if (!IntentProgress.Advances(row.Status, intent.Status) && row.Status != intent.Status.ToString())
        {
            return;
        }

        intent.CopyTo(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Apply(migrationId, RunMapping.ToRow(intent, migrationId));
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audit.AsNoTracking().Where(a => a.MigrationId == migrationId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<IReadOnlyList<IntentRecord>> CompletedJobsAsync(int perKind, CancellationToken cancellationToken)
    {
        var completed = nameof(IntentStatus.Completed);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A few dozen rows per migration; SQLite cannot order by DateTimeOffset, so the latest of each kind are picked here.
        var rows = await db.Intents.AsNoTracking().Where(i => i.Status == completed && i.JobId != null && i.CompletedAt != null).ToListAsync(cancellationToken);
        return rows.GroupBy(r => OperationDurations.KindOf(r.Key), StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(r => r.CompletedAt).Take(perKind))
            .Select(RunMapping.ToIntent).ToList();
    }

    public async Task<IReadOnlyList<ChainedAuditEntry>> GetChainedAuditAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audit.AsNoTracking().Where(a => a.MigrationId == migrationId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        // Links are read by the migration's rows and by their own migration id alike, so a link moved to or from another migration is seen.
        var ids = rows.Select(r => r.Id).ToList();
        var links = await db.AuditLinks.AsNoTracking().Where(l => l.MigrationId == migrationId || ids.Contains(l.AuditId)).ToDictionaryAsync(l => l.AuditId, cancellationToken);
        return rows.Select(r => new ChainedAuditEntry(
            r.Id, r.ToEntry(), links.TryGetValue(r.Id, out var l) ? new AuditLink(l.Sequence, l.PreviousHash, l.Hash) : null)).ToList();
    }

    /// <summary>Adds the entries with their links, each chained to the one before (the last stored link, or the run's root).</summary>
    /// <returns>The last link added.</returns>
    private static AuditLinkRow? Chain(MigrationDbContext db, MigrationRun run, IEnumerable<AuditEntry> entries, AuditLink? last)
    {
        AuditLinkRow? added = null;
        foreach (var entry in entries)
        {
            var link = JournalChain.Next(entry, last, run.CreatedAt);
            var row = entry.ToRow();
            db.Audit.Add(row);
            added = new AuditLinkRow { Entry = row, MigrationId = run.Id, Sequence = link.Sequence, PreviousHash = link.PreviousHash, Hash = link.Hash };
            db.AuditLinks.Add(added);
            last = link;
        }

        return added;
    }

    private static StepRow NewStepRow(Guid migrationId, StepRecord step)
    {
        var row = new StepRow { MigrationId = migrationId };
        step.CopyTo(row);
        return row;
    }

    private async Task<string?> ClaimedAsync(IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EnvironmentClaims.Where(c => environments.Contains(c.Environment)).Select(c => c.Environment).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Built once, from the model of the first context (the provider's).</summary>
    private RunRowsQuery Reader(MigrationDbContext db) => runRows ??= new RunRowsQuery(db.Model);

    private RunSave Save(MigrationDbContext db) => runSave ??= new RunSave(db.Model, db.Database.IsNpgsql());
}
