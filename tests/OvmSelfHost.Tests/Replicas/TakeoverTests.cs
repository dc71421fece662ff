using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Replicas;

/// <summary>Two engines on one database as two replicas: the holder's lease passes, the other takes the run over, the old holder's saves are fenced off.</summary>
public sealed class TakeoverTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private MigrationEngine Replica(Microsoft.EntityFrameworkCore.IDbContextFactory<MigrationDbContext> db, FakeOvm ovm, string name) =>
        new(new EfMigrationStore(db, null, clock), new EngineHarness(ovm: ovm).Settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), clock, ovm, leases: TestLeases.For(db, name, clock, Lease));

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task HolderStopsRenewing_OtherReplicaAdvances_TakesOverWithAJournalLine_AndTheOldHolderCannotSave(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var ovm = new FakeOvm();
        var (one, two) = (Replica(db, ovm, "replica-1"), Replica(db, ovm, "replica-2"));
        var id = (await one.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None)).Run!.Id;
        await one.AdvanceAsync(id, CancellationToken.None);
        var atGate = (await one.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm, "replica-1"), (atGate.State, atGate.Step, atGate.Executor));

        await two.DecideAsync(id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);
        Assert.False(await two.AdvanceAsync(id, CancellationToken.None));
        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.True(await two.AdvanceAsync(id, CancellationToken.None));

        var run = (await two.FindAsync(id, CancellationToken.None))!;
        Assert.Equal("replica-2", run.Executor);
        Assert.NotEqual(StepKind.CreateManagerVm, run.Step);
        var takeover = Assert.Single(await two.AuditAsync(id, CancellationToken.None), a => a.Action == "takeover");
        Assert.Contains("replica-2", takeover.Detail, StringComparison.Ordinal);
        Assert.Contains("taken over from replica-1", takeover.Detail, StringComparison.Ordinal);

        var version = run.Version;
        await one.Advancer.RenewAsync(CancellationToken.None);
        Assert.False(one.Advancer.Holds(id));
        Assert.False(await one.AdvanceAsync(id, CancellationToken.None));
        Assert.Equal(version, (await two.FindAsync(id, CancellationToken.None))!.Version);
    }
}
