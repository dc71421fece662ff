using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// The runbook's store on EF Core (SQLite or PostgreSQL). Each call is its own unit of work; a change's
/// notice goes to the outbox in that same unit, so the chat channels hear of exactly what was saved.
/// </summary>
internal sealed class EfMigrationStore(IDbContextFactory<MigrationDbContext> contexts, OutboxWriter? outbox = null, TimeProvider? time = null) : IMigrationStore
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private RunRowsQuery? runRows;

    public async Task AddAsync(MigrationRun run, AuditEntry entry, RunNotice? notice, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new MigrationRow();
        run.CopyTo(row);
        db.Migrations.Add(row);
        db.Steps.AddRange(run.Steps.Select(s => NewStepRow(run.Id, s)));
        Chain(db, run, [entry], last: null);
        db.EnvironmentClaims.AddRange(run.Environments.Select(e => new EnvironmentClaimRow { Environment = e, MigrationId = run.Id }));
        var told = outbox?.Add(db, run, notice) == true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            var claimed = await ClaimedAsync(run.Environments, cancellationToken);
            throw new EnvironmentBusyException(claimed ?? string.Join(" or ", run.Environments), ex);
        }

        Wake(told);
    }

    public async Task<MigrationRun?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await RunRows(db).ReadAsync(db, id, fence: null, cancellationToken))?.ToRun(clock.GetUtcNow().UtcDateTime);
    }

    public async Task<IReadOnlyList<MigrationRun>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Migrations.AsNoTracking().Select(m => new { m.Id, m.CreatedAt }).ToListAsync(cancellationToken);
        var runs = new List<MigrationRun>();
        foreach (var row in rows.OrderByDescending(r => r.CreatedAt))
        {
            if (await RunRows(db).ReadAsync(db, row.Id, fence: null, cancellationToken) is { } stored)
            {
                runs.Add(stored.ToRun(clock.GetUtcNow().UtcDateTime));
            }
        }

        return runs;
    }

    /// <remarks>
    /// Three round trips on PostgreSQL: the fence check and the stored rows in one command, the changes in
    /// one batch (no savepoint: the transaction is ours), the commit.
    /// </remarks>
    public async Task SaveAsync(MigrationRun run, IReadOnlyList<AuditEntry> entries, RunNotice? notice, RunFence fence, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await RunRows(db).ReadAsync(db, run.Id, fence, cancellationToken);
        if (stored is null || stored.Migration.Version != run.Version)
        {
            throw new ConcurrentUpdateException(run.Id);
        }

        var told = Stage(db, run, stored, entries, notice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // The version check in the UPDATE, or the unique vote index, caught a concurrent decision.
            throw new ConcurrentUpdateException(run.Id, ex);
        }

        run.Version = stored.Migration.Version;
        Wake(told);
    }

    /// <summary>
    /// Saves a vote on a made-up run inside a transaction that is rolled back, so that the first real vote after a
    /// start does not pay for compiling EF Core's update pipeline and the chat lines (about a second on a fresh
    /// replica). Nothing is committed; on PostgreSQL the journal's id sequence skips the rows it used.
    /// </summary>
    public async Task RehearseVoteAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = MigrationRun.Create(Guid.NewGuid(), "rehearsal-a", "rehearsal-b", "rehearsal", "engine", now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = new MigrationRow();
        run.CopyTo(row);
        db.Migrations.Add(row);
        db.Steps.AddRange(run.Steps.Select(s => NewStepRow(run.Id, s)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var stored = await RunRows(db).ReadAsync(db, run.Id, fence: null, cancellationToken)
                     ?? throw new InvalidOperationException("The rehearsal's run was not read back inside its own transaction.");
        run = stored.ToRun(now.UtcDateTime);
        var gate = Runbook.Gates.GateKey.Of(run.Step);
        run.Votes.Add(new Runbook.Gates.Vote(run.Phase, gate, run.GateRound, "rehearsal", "web", Runbook.Gates.VoteDecision.Approve, null, now,
            new Runbook.People.Authentication("rehearsal", "rehearsal", now), null));
        var entry = new AuditEntry(run.Id, now, "rehearsal", "web", "approved", $"gate {gate} (rehearsal, never committed)");
        Stage(db, run, stored, [entry], RunNotice.Changed("rehearsal"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }

    /// <summary>Puts a change of <paramref name="run"/> on the context, over its rows as read in the save's transaction: true when it tells the outbox.</summary>
    private bool Stage(MigrationDbContext db, MigrationRun run, RunRows stored, IReadOnlyList<AuditEntry> entries, RunNotice? notice)
    {
        var row = stored.Migration;
        db.Migrations.Attach(row);
        run.CopyTo(row);
        row.Version = run.Version + 1;
        SaveChildren(db, run, stored);
        var last = stored.LastLink;
        Chain(db, run, entries, last is null ? null : new AuditLink(last.Sequence, last.PreviousHash, last.Hash));
        if (run.IsTerminal)
        {
            db.EnvironmentClaims.RemoveRange(db.EnvironmentClaims.Where(c => c.MigrationId == run.Id));
        }

        return outbox?.Add(db, run, notice) == true;
    }

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
    private static void Chain(MigrationDbContext db, MigrationRun run, IEnumerable<AuditEntry> entries, AuditLink? last)
    {
        foreach (var entry in entries)
        {
            var link = JournalChain.Next(entry, last, run.CreatedAt);
            var row = entry.ToRow();
            db.Audit.Add(row);
            db.AuditLinks.Add(new AuditLinkRow { Entry = row, MigrationId = run.Id, Sequence = link.Sequence, PreviousHash = link.PreviousHash, Hash = link.Hash });
            last = link;
        }
    }

    /// <summary>Updates the stored children from the run (attached as read in the save's transaction) and adds the new ones.</summary>
    private static void SaveChildren(MigrationDbContext db, MigrationRun run, RunRows stored)
    {
        db.Steps.AttachRange(stored.Steps);
        foreach (var step in run.Steps)
        {
            var row = stored.Steps.SingleOrDefault(s => s.Phase == step.Phase && s.Kind == step.Kind.ToString());
            if (row is null)
            {
                db.Steps.Add(NewStepRow(run.Id, step));
            }
            else
            {
                step.CopyTo(row);
            }
        }

        var newVotes = run.Votes.Skip(stored.Votes.Count).ToList();
        db.Votes.AddRange(newVotes.Select(v => v.ToRow(run.Id)));
        db.VoteSignIns.AddRange(newVotes.Where(v => v.Authentication is not null).Select(v => v.ToSignInRow(run.Id)));

        db.Intents.AttachRange(stored.Intents);
        var intents = stored.Intents.ToDictionary(i => i.Id);
        foreach (var intent in run.Intents)
        {
            if (!intents.TryGetValue(intent.Id, out var row))
            {
                row = new IntentRow { MigrationId = run.Id };
                db.Intents.Add(row);
                intent.CopyTo(row);
            }
            else if (IntentProgress.Advances(row.Status, intent.Status))
            {
                intent.CopyTo(row);
            }
        }
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
    private RunRowsQuery RunRows(MigrationDbContext db) => runRows ??= new RunRowsQuery(db.Model);
}
