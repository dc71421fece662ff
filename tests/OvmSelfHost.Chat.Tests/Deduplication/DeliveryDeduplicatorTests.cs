using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Deduplication;

namespace OvmSelfHost.Chat.Tests.Deduplication;

public sealed class DeliveryDeduplicatorTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void SameKey_SecondClaim_IsRefused()
    {
        var dedup = new DeliveryDeduplicator(time);

        Assert.True(dedup.TryClaim("slack:event:Ev1"));
        Assert.False(dedup.TryClaim("slack:event:Ev1"));
        Assert.True(dedup.TryClaim("slack:event:Ev2"));
    }

    [Fact]
    public void AfterRetention_SameKey_IsNewAgain()
    {
        var dedup = new DeliveryDeduplicator(time);
        dedup.TryClaim("k");

        time.Advance(DeliveryDeduplicator.Retention - TimeSpan.FromSeconds(1));
        Assert.False(dedup.TryClaim("k"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(dedup.TryClaim("k"));
    }

    [Fact]
    public void Released_Key_CanBeClaimedAgain()
    {
        var dedup = new DeliveryDeduplicator(time);
        dedup.TryClaim("k");

        dedup.Release("k");

        Assert.True(dedup.TryClaim("k"));
    }

    [Fact]
    public async Task ConcurrentClaims_OfOneKey_OnlyOneWins()
    {
        var dedup = new DeliveryDeduplicator(time);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => dedup.TryClaim("click"))));

        Assert.Single(results, r => r);
    }
}
