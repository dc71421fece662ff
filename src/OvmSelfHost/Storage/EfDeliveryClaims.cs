using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Chat.Deduplication;

namespace OvmSelfHost.Storage;

/// <summary>
/// Delivery claims on the host's database. A claim is one statement, <c>INSERT … ON CONFLICT DO
/// UPDATE … WHERE expired</c>, the same on SQLite and PostgreSQL: of two replicas claiming one key at
/// once exactly one inserts (the primary key decides), and an expired claim is taken over in place,
/// so correctness never waits for the sweep.
/// </summary>
internal sealed class EfDeliveryClaims(IDbContextFactory<MigrationDbContext> contexts, TimeProvider time) : IDeliveryClaims
{
    public async Task<DeliveryClaim> ClaimAsync(string key, string channel, CancellationToken cancellationToken)
    {
        Check(key);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)DeliveryClaim.Retention.TotalMilliseconds;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO ovm_delivery_claims ("key", channel, claimed_at, expires_at, answer) VALUES ({key}, {channel}, {now}, {expires}, NULL)
            ON CONFLICT ("key") DO UPDATE SET channel = excluded.channel, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, answer = NULL
            WHERE ovm_delivery_claims.expires_at <= {now}
            """, cancellationToken);
        if (claimed == 1)
        {
            return DeliveryClaim.First;
        }

        var answer = await db.DeliveryClaims.AsNoTracking().Where(c => c.Key == key).Select(c => c.Answer).FirstOrDefaultAsync(cancellationToken);
        return new DeliveryClaim(false, answer);
    }

    public async Task AnswerAsync(string key, string answer, CancellationToken cancellationToken)
    {
        Check(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DeliveryClaims.Where(c => c.Key == key && c.Answer == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Answer, answer), cancellationToken);
    }

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        Check(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.DeliveryClaims.Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes expired claims through the index on expires_at: only the expired rows are touched.</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DeliveryClaims.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Check(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > DeliveryKey.MaxLength)
        {
            throw new ArgumentException($"A delivery key is at most {DeliveryKey.MaxLength} characters; build it with {nameof(DeliveryKey)}.{nameof(DeliveryKey.Of)}.", nameof(key));
        }
    }
}
