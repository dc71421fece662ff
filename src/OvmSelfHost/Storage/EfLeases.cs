using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OvmSelfHost.Replicas;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// Leases as rows of ovm_leases (SQLite and PostgreSQL alike): a grant is one conditional UPDATE on
/// the row's token (or the INSERT of a new row, refused by its primary key when another replica got
/// there first), so two replicas can never both be granted the same token. Expiry is by this
/// replica's clock: replicas keep their clocks in step (NTP), as any lease-based system requires.
/// </summary>
internal sealed class EfLeases(IDbContextFactory<MigrationDbContext> contexts, ReplicaIdentity me, IOptions<ReplicaOptions> options, TimeProvider time) : IRunLeases
{
    private static readonly string[] Ended = [nameof(RunState.Completed), nameof(RunState.Aborted), nameof(RunState.RolledBack)];

    public string Replica => me.Name;

    public TimeSpan Duration => options.Value.LeaseDuration;

    public static string RunKey(Guid id) => $"run:{id:N}";

    public static string ConversationKey(string channel, string conversation) => $"outbox:{channel}:{conversation}";

    public async Task<LeaseGrant?> TryAcquireAsync(Guid migrationId, CancellationToken cancellationToken)
    {
        var (token, until, previous) = await TryTakeAsync(RunKey(migrationId), Duration, cancellationToken);
        return token is null ? null : new LeaseGrant(new RunFence(migrationId, me.Instance, token.Value), until, previous?.Replica, previous?.Instance, previous?.Released == true);
    }

    /// <summary>Holds an outbox conversation for <see cref="ReplicaOptions.RelayLeaseDuration"/> more: true when this replica may relay it now.</summary>
    public async Task<bool> HoldConversationAsync(string channel, string conversation, CancellationToken cancellationToken) =>
        await ExtendConversationAsync(channel, conversation, cancellationToken)
        || (await TryTakeAsync(ConversationKey(channel, conversation), options.Value.RelayLeaseDuration, cancellationToken)).Token is not null;

    /// <summary>
    /// Extends this replica's hold on an outbox conversation that has not lapsed; false when it lapsed (another
    /// replica may have relayed the conversation since, so a delivery begun before must not go on).
    /// </summary>
    public async Task<bool> ExtendConversationAsync(string channel, string conversation, CancellationToken cancellationToken)
    {
        var key = ConversationKey(channel, conversation);
        var until = time.GetUtcNow().UtcDateTime + options.Value.RelayLeaseDuration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var extended = await db.Leases.Where(l => l.Key == key && l.Instance == me.Instance && !l.Released && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return extended == 1;
    }

    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> RenewAsync(IReadOnlyCollection<RunFence> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var byKey = held.ToDictionary(f => RunKey(f.MigrationId));
        var keys = byKey.Keys.ToList();
        var until = time.GetUtcNow().UtcDateTime + Duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => keys.Contains(l.Key) && l.Instance == me.Instance && !l.Released)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken);
        var rows = await db.Leases.AsNoTracking().Where(l => keys.Contains(l.Key) && l.Instance == me.Instance && !l.Released).ToListAsync(cancellationToken);
        return rows.Where(r => byKey[r.Key].Token == r.Token)
            .ToDictionary(r => byKey[r.Key].MigrationId, _ => new DateTimeOffset(until, TimeSpan.Zero));
    }

    public async Task ReleaseAsync(RunFence fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        var key = RunKey(fence.MigrationId);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => l.Key == key && l.Instance == fence.Instance && l.Token == fence.Token)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Released, true).SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> HoldersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Leases.AsNoTracking().Where(l => l.Key.StartsWith("run:") && !l.Released && l.ExpiresAt > now).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => Guid.ParseExact(r.Key[4..], "N"), r => r.Replica);
    }

    /// <summary>
    /// Unfinished runs that no live replica executes (no lease, expired, released, or left by an earlier start of this one).
    /// Runs this start holds are not listed: the sweep runs twice a second on every replica, and advancing each held run
    /// that often would load every run twice a second for nothing (the holder is woken by its own commands, by
    /// NOTIFY from the other replicas, and by the driver's slower re-kick of what it holds).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> UnownedRunsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var live = (await db.Leases.AsNoTracking()
            .Where(l => l.Key.StartsWith("run:") && !l.Released && l.ExpiresAt > now && (l.Replica != me.Name || l.Instance == me.Instance))
            .Select(l => l.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var open = await db.Migrations.AsNoTracking().Where(m => !Ended.Contains(m.State)).Select(m => m.Id).ToListAsync(cancellationToken);
        return open.Where(id => !live.Contains(RunKey(id))).ToList();
    }

    /// <summary>The fence check of a save, in the save's transaction: touching the lease row also locks it against a grant until the commit.</summary>
    public static async Task CheckAsync(MigrationDbContext db, RunFence fence, CancellationToken cancellationToken)
    {
        if (fence.IsNone)
        {
            return;
        }

        var key = RunKey(fence.MigrationId);
        var held = await db.Leases.Where(l => l.Key == key && l.Instance == fence.Instance && l.Token == fence.Token && !l.Released)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Token, l => l.Token), cancellationToken);
        if (held == 0)
        {
            throw new LeaseLostException(fence.MigrationId, $"the database names another holder than {fence.Instance} (token {fence.Token})");
        }
    }

    private async Task<(long? Token, DateTimeOffset Until, LeaseRow? Previous)> TryTakeAsync(string key, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Leases.AsNoTracking().SingleOrDefaultAsync(l => l.Key == key, cancellationToken);
        if (row is null)
        {
            db.Leases.Add(new LeaseRow { Key = key, Replica = me.Name, Instance = me.Instance, Token = 1, ExpiresAt = until });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (1, new DateTimeOffset(until, TimeSpan.Zero), null);
            }
            catch (DbUpdateException)
            {
                return (null, default, null);
            }
        }

        var free = row.Released || row.ExpiresAt <= now || (row.Replica == me.Name && row.Instance != me.Instance);
        if (!free)
        {
            return (null, default, null);
        }

        var token = row.Token + 1;
        var taken = await db.Leases.Where(l => l.Key == key && l.Token == row.Token)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Replica, me.Name).SetProperty(l => l.Instance, me.Instance)
                .SetProperty(l => l.Token, token).SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.Released, false), cancellationToken);
        return taken == 1 ? (token, new DateTimeOffset(until, TimeSpan.Zero), row) : (null, default, null);
    }
}
