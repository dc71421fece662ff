using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Chat.Deduplication;

namespace OvmSelfHost.Storage;

/// <summary>
/// Delivery claims on the host's database. A claim is one statement (<see cref="Claim"/>), <c>INSERT … ON
/// CONFLICT DO UPDATE … WHERE expired</c>, the same on SQLite and PostgreSQL: of two replicas claiming one key
/// at once exactly one inserts (the primary key decides), and an expired claim is taken over in place, so
/// correctness never waits for the sweep. A vote's save carries the same statement, so the vote and its
/// claim commit together.
/// </summary>
internal sealed class EfDeliveryClaims(IDbContextFactory<MigrationDbContext> contexts, TimeProvider time) : IDeliveryClaims
{
    public async Task<DeliveryClaim> ClaimAsync(string key, string channel, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        int claimed;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            claimed = await SqlBatch.ExecuteOneAsync(db.Database.GetDbConnection(), Claim(key, channel, answer: null, time.GetUtcNow()), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

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

    /// <summary>The claim of <paramref name="key"/> as one statement, guarded: it changes one row only for the first delivery (or over an expired claim).</summary>
    /// <param name="answer">The answer for replays, when it is known as the claim is made (a vote saved with its claim); null: given later.</param>
    public static SqlStatement Claim(string key, string channel, string? answer, DateTimeOffset now)
    {
        Check(key);
        var at = now.ToUnixTimeMilliseconds();
        return new SqlStatement(
            """
            INSERT INTO ovm_delivery_claims ("key", channel, claimed_at, expires_at, answer) VALUES (@d0, @d1, @d2, @d3, @d4)
            ON CONFLICT ("key") DO UPDATE SET channel = excluded.channel, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, answer = excluded.answer
            WHERE ovm_delivery_claims.expires_at <= @d2
            """,
            [new SqlValue("@d0", key), new SqlValue("@d1", channel), new SqlValue("@d2", at), new SqlValue("@d3", at + (long)DeliveryClaim.Retention.TotalMilliseconds), new SqlValue("@d4", answer)],
            SqlGuard.Delivery);
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
