using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Configuration;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

/// <summary>The delivery claims on real SQLite and PostgreSQL: what replicas and a restarted host share.</summary>
public sealed class DeliveryClaimStoreTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2025-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task SecondClaim_OfOneKey_IsRefusedWithTheFirstAnswer(StorageProvider provider)
    {
        var claims = new EfDeliveryClaims(await Databases.CreateAsync(provider), time);
        var key = DeliveryKey.Of("test", "one");

        var first = await claims.ClaimAsync(key, "slack", CancellationToken.None);
        var whileHandled = await claims.ClaimAsync(key, "slack", CancellationToken.None);
        await claims.AnswerAsync(key, "first answer", CancellationToken.None);
        await claims.AnswerAsync(key, "a later answer never replaces it", CancellationToken.None);
        var afterwards = await claims.ClaimAsync(key, "slack", CancellationToken.None);

        Assert.True(first.IsFirst);
        Assert.Equal(new DeliveryClaim(false, null), whileHandled);
        Assert.Equal(new DeliveryClaim(false, "first answer"), afterwards);
        Assert.True((await claims.ClaimAsync(DeliveryKey.Of("test", "two"), "slack", CancellationToken.None)).IsFirst);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ConcurrentClaims_FromTwoStoreInstances_OneWins(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var replicas = new[] { new EfDeliveryClaims(db, time), new EfDeliveryClaims(db, time) };

        for (var round = 0; round < 10; round++)
        {
            var key = DeliveryKey.Of("race", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => replicas[i % 2].ClaimAsync(key, "teams", CancellationToken.None))));

            Assert.Single(results, r => r.IsFirst);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ExpiredClaim_IsTakenOverByTheNextClaim_AndSweptWithoutTouchingLiveOnes(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var claims = new EfDeliveryClaims(db, time);
        var old = DeliveryKey.Of("test", "old");
        await claims.ClaimAsync(old, "web", CancellationToken.None);
        await claims.AnswerAsync(old, "old answer", CancellationToken.None);

        time.Advance(DeliveryClaim.Retention - TimeSpan.FromSeconds(1));
        Assert.False((await claims.ClaimAsync(old, "web", CancellationToken.None)).IsFirst);
        var live = DeliveryKey.Of("test", "live");
        await claims.ClaimAsync(live, "web", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        var expired = DeliveryKey.Of("test", "expired");
        await claims.ClaimAsync(expired, "web", CancellationToken.None);
        time.Advance(DeliveryClaim.Retention);
        Assert.True((await claims.ClaimAsync(old, "web", CancellationToken.None)).IsFirst);
        Assert.Equal(new DeliveryClaim(false, null), await claims.ClaimAsync(old, "web", CancellationToken.None));

        var swept = await claims.SweepAsync(CancellationToken.None);

        Assert.Equal(2, swept); // "live" and "expired"; "old" was claimed anew
        await using var context = await db.CreateDbContextAsync();
        Assert.Equal([old], await context.DeliveryClaims.Select(c => c.Key).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task FailedHandling_ReleasesTheClaim_SoARetryIsHandled(StorageProvider provider)
    {
        var claims = new EfDeliveryClaims(await Databases.CreateAsync(provider), time);
        var key = DeliveryKey.Of("test", "fails");
        await claims.ClaimAsync(key, "slack", CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => claims.ActAsync<int>(key, () => throw new TimeoutException("the database was away"), _ => "never", CancellationToken.None));
        var retry = await claims.ClaimAsync(key, "slack", CancellationToken.None);
        var answer = await claims.ActAsync(key, () => Task.FromResult(42), n => $"answer {n}", CancellationToken.None);

        Assert.True(retry.IsFirst);
        Assert.Equal(42, answer);
        Assert.Equal("answer 42", (await claims.ClaimAsync(key, "slack", CancellationToken.None)).FirstAnswer);
    }

    [Fact]
    public void Keys_AreOneShortLength_WhateverTheParts()
    {
        var key = DeliveryKey.Of("teams-activity", new string('x', 5000), "1575667808184");

        Assert.StartsWith("teams-activity:", key);
        Assert.True(key.Length <= DeliveryKey.MaxLength);
        Assert.NotEqual(key, DeliveryKey.Of("teams-activity", new string('x', 5000), "1575667808185"));
        Assert.NotEqual(DeliveryKey.Of("k", "a", "bc"), DeliveryKey.Of("k", "ab", "c"));
    }
}
