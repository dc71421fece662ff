using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Replicas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Configuration;
using OvmSelfHost.Outbox;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Outbox;

/// <summary>The relay over a real SQLite outbox, with a channel target that fails as told.</summary>
public sealed class OutboxRelayTests
{
    private static readonly OutboxOptions Quick = new() { FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromMilliseconds(400), PollInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task ChannelAsksToWait_Relay_TriesAgainOnlyAfterRetryAfter()
    {
        var target = new ScriptedTarget(new OutboxDeliveryException("Slack chat.postMessage failed: http_429.", TimeSpan.FromSeconds(2)));
        await using var relay = await RelayAsync(target);
        await relay.Store.AddAsync(OutboxMessage.ForRun("slack", Guid.NewGuid(), "a1"), CancellationToken.None);

        await target.WaitForAsync(2);

        Assert.True(target.Calls[1].At - target.Calls[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {target.Calls[1].At - target.Calls[0].At}");
        await relay.WaitDeliveredAsync();
    }

    [Fact]
    public async Task ChannelFailsWithoutSayingWhen_Relay_BacksOffExponentiallyUpToTheMaximum()
    {
        var down = new HttpRequestException("Connection refused");
        var target = new ScriptedTarget(down, down, down, down);
        await using var relay = await RelayAsync(target);
        await relay.Store.AddAsync(OutboxMessage.ForRun("slack", Guid.NewGuid(), "a1"), CancellationToken.None);

        await target.WaitForAsync(5);

        var gaps = target.Calls.Zip(target.Calls.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(90) && gaps[1] >= TimeSpan.FromMilliseconds(190) && gaps[2] >= TimeSpan.FromMilliseconds(390), string.Join(", ", gaps));
        Assert.True(gaps[3] < TimeSpan.FromMilliseconds(1500), $"capped at MaxRetry, waited {gaps[3]}");
        await relay.WaitDeliveredAsync();
    }

    [Fact]
    public async Task RowsWaitingForOneMigration_Relay_DeliversThemInOneCallInOrder_AndNeverAgain()
    {
        var target = new ScriptedTarget(new OutboxDeliveryException("down", null));
        var id = Guid.NewGuid();
        await using var relay = await RelayAsync(target, async store =>
        {
            foreach (var line in new[] { "a1", "a2", "a3" })
            {
                await store.AddAsync(OutboxMessage.ForRun("slack", id, line), CancellationToken.None);
            }
        });

        await relay.WaitDeliveredAsync();
        await relay.Store.AddAsync(OutboxMessage.ForRun("slack", id, "a4"), CancellationToken.None);
        await relay.WaitDeliveredAsync();
        await Task.Delay(500);

        var calls = target.Calls;
        Assert.Equal(["a1", "a2", "a3"], calls[0].Lines);
        Assert.False(calls[0].Accepted);
        Assert.Equal(["a1,a2,a3", "a4"], calls.Where(c => c.Accepted).Select(c => string.Join(",", c.Lines)));
    }

    [Fact]
    public async Task DeliveryOutlastsItsHold_AnotherReplicaTakesTheConversation_NothingMoreIsPostedAndTheRowWaitsForTheHolder()
    {
        var relayLease = TimeSpan.FromMilliseconds(400);
        var contexts = await Databases.CreateAsync(StorageProvider.Sqlite);
        var other = new EfLeases(contexts, ReplicaIdentity.Start("other-replica"), Options.Create(new ReplicaOptions { RelayLeaseDuration = relayLease }), TimeProvider.System);
        var target = new SlowTarget(async () =>
        {
            // The first delivery stalls past its hold, and another replica takes the conversation meanwhile.
            await Task.Delay(relayLease * 2);
            Assert.True(await other.HoldConversationAsync("slack", "C1", CancellationToken.None));
        });
        await using var relay = await RelayAsync(target, contexts: contexts, relayLease: relayLease);
        await relay.Store.AddAsync(OutboxMessage.Post("slack", "C1", "{}", "hello"), CancellationToken.None);

        await relay.WaitDeliveredAsync();

        Assert.Equal(["stalled, hold lost", "posted"], target.Calls);
    }

    private static async Task<RelayUnderTest> RelayAsync(IOutboxTarget target, Func<EfOutboxStore, Task>? before = null, IDbContextFactory<MigrationDbContext>? contexts = null, TimeSpan? relayLease = null)
    {
        contexts ??= await Databases.CreateAsync(StorageProvider.Sqlite);
        var signal = new OutboxSignal(TimeProvider.System);
        var store = new EfOutboxStore(contexts, new OutboxWriter([], signal, TimeProvider.System));
        if (before is not null)
        {
            await before(store);
        }

        var services = new ServiceCollection().AddSingleton<IOutboxTarget>(target).BuildServiceProvider();
        var leases = new EfLeases(contexts, ReplicaIdentity.Start("relay-test"), Options.Create(new ReplicaOptions { RelayLeaseDuration = relayLease ?? new ReplicaOptions().RelayLeaseDuration }), TimeProvider.System);
        var relay = new OutboxRelay(store, leases, services, signal, Options.Create(Quick), TimeProvider.System, NullLogger<OutboxRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        return new RelayUnderTest(relay, store, services);
    }

    private sealed record RelayUnderTest(OutboxRelay Relay, EfOutboxStore Store, ServiceProvider Services) : IAsyncDisposable
    {
        public async Task WaitDeliveredAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await Store.NextAttemptAsync(["slack"], CancellationToken.None)) is not null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the rows were never delivered");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Relay.StopAsync(CancellationToken.None);
            Relay.Dispose();
            await Services.DisposeAsync();
        }
    }

    /// <summary>Fails with the given exceptions in turn, then accepts; records every call.</summary>
    private sealed class ScriptedTarget(params Exception[] failures) : IOutboxTarget
    {
        private readonly Queue<Exception> left = new(failures);
        private readonly List<(DateTimeOffset At, IReadOnlyList<string?> Lines, bool Accepted)> calls = [];

        public string Channel => "slack";

        public List<(DateTimeOffset At, IReadOnlyList<string?> Lines, bool Accepted)> Calls { get { lock (calls) { return calls.ToList(); } } }

        public Task DeliverAsync(IReadOnlyList<OutboxMessage> messages, OutboxHold hold, CancellationToken cancellationToken)
        {
            lock (calls)
            {
                var fail = left.TryDequeue(out var failure);
                calls.Add((DateTimeOffset.UtcNow, messages.Select(m => m.Line).ToList(), !fail));
                return fail ? Task.FromException(failure!) : Task.CompletedTask;
            }
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Calls.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {Calls.Count} deliveries were tried");
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stalls once before its post (as told), then posts after confirming its hold, as a channel target does.</summary>
    private sealed class SlowTarget(Func<Task> stall) : IOutboxTarget
    {
        private readonly List<string> calls = [];
        private bool stalled;

        public string Channel => "slack";

        public List<string> Calls { get { lock (calls) { return calls.ToList(); } } }

        public async Task DeliverAsync(IReadOnlyList<OutboxMessage> messages, OutboxHold hold, CancellationToken cancellationToken)
        {
            if (!stalled)
            {
                stalled = true;
                await stall();
                try
                {
                    await hold.ConfirmAsync(cancellationToken);
                }
                catch (OutboxHoldLostException)
                {
                    Record("stalled, hold lost");
                    throw;
                }
            }
            else
            {
                await hold.ConfirmAsync(cancellationToken);
            }

            Record("posted");
        }

        private void Record(string call)
        {
            lock (calls)
            {
                calls.Add(call);
            }
        }
    }
}
