using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Approvals;

/// <summary>
/// An approval is of what the approver saw: when the target of phase 1's cutover changes between the
/// approvals and the stop, the stop does not run and its gate opens again with the difference, on
/// SQLite and PostgreSQL (the snapshots live with the run's facts).
/// </summary>
public sealed class DriftTests
{
    private const string Intruder = "0004fb0000010000cccccccccccccccc";

    public static TheoryData<StorageProvider, string> Cases()
    {
        var data = new TheoryData<StorageProvider, string>();
        foreach (var provider in Databases.Providers)
        {
            foreach (var drift in new[] { "vm-started-on-old-manager", "server-moved-between-pools", "ha-off-on-new-vm", "server-claimed-by-another-manager" })
            {
                data.Add(provider, drift);
            }
        }

        return data;
    }

    private static (string Fact, string Change) Apply(FakeOvm ovm, MigrationRun run, string drift)
    {
        var (a, b) = (ovm.Environments["A"], ovm.Environments["B"]);
        switch (drift)
        {
            case "vm-started-on-old-manager":
                var app = b.Vms.Single(v => v.Name == "app-b2");
                b.Vms[b.Vms.IndexOf(app)] = app with { RunState = "RUNNING", ServerId = "srv-b2" };
                return ("B VM app-b2", "B VM app-b2: STOPPED, pool pool-b → RUNNING, pool pool-b");
            case "server-moved-between-pools":
                b.Pools.Add(new PoolFacts("pool-b-spare", "pool-b-spare", false, ["srv-b2"]));
                var moved = b.Servers.Single(s => s.Id == "srv-b2");
                b.Servers[b.Servers.IndexOf(moved)] = moved with { PoolId = "pool-b-spare" };
                return ("B server ovs-b2", $"B server ovs-b2: pool pool-b, owned by {b.OriginalUuid} → pool pool-b-spare, owned by {b.OriginalUuid}");
            case "ha-off-on-new-vm":
                var vm = a.Vms.Single(v => v.Id == run.Facts[1].NewVmId);
                a.Vms[a.Vms.IndexOf(vm)] = vm with { HighAvailability = false };
                return ("new VM for B's manager", "HA on, repository repo-a → ");
            default:
                var claimed = b.Servers.Single(s => s.Id == "srv-b1");
                b.Servers[b.Servers.IndexOf(claimed)] = claimed with { OwnerManagerUuid = Intruder };
                return ("B server ovs-b1", $"B server ovs-b1: pool pool-b, owned by {b.OriginalUuid} → pool pool-b, owned by {Intruder}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ApprovedCutoverWhoseTargetChanged_Advance_DoesNotStopAndReopensWithTheDifference(StorageProvider provider, string drift)
    {
        var db = await Databases.CreateAsync(provider);
        var ovm = new FakeOvm();
        ovm.Environments["B"].Vms.Add(new VmFacts("vm-b-app2", "app-b2", "pool-b", null, "STOPPED", false, "repo-b"));
        var engine = Engine(db, ovm);
        var id = await AtFirstCutoverAsync(engine);
        var opened = (await engine.FindAsync(id, CancellationToken.None))!;
        var round = opened.GateRound;
        var shown = opened.SnapshotOf(new GateOpening(1, GateKey.Of(StepKind.StopOldManager), round))!;
        Assert.Contains(shown.Facts, f => f.Name == "new VM for B's manager" && f.Value.Contains("pool pool-a, HA on, repository repo-a", StringComparison.Ordinal));

        await Vote(engine, id, "bob");
        var (fact, change) = Apply(ovm, opened, drift);
        await Vote(engine, id, "carol");
        await engine.AdvanceAsync(id, CancellationToken.None);
        var run = (await engine.FindAsync(id, CancellationToken.None))!;

        Assert.True(ovm.Environments["B"].OriginalRunning);
        Assert.DoesNotContain(ovm.Calls, c => c.Contains("stop", StringComparison.OrdinalIgnoreCase) && c.Contains("ovmm", StringComparison.Ordinal));
        Assert.Equal((RunState.AwaitingApproval, (GateKey?)GateKey.Of(StepKind.StopOldManager), round + 1), (run.State, run.PendingGate, run.GateRound));
        var voided = run.SnapshotOf(new GateOpening(1, GateKey.Of(StepKind.StopOldManager), round))!;
        Assert.Equal(shown.Hash, voided.Hash);
        Assert.NotNull(voided.VoidedAt);
        Assert.Contains(change, voided.VoidedBecause);
        Assert.Contains("since bob approved at", voided.VoidedBecause);
        Assert.Contains("and carol approved at", voided.VoidedBecause);
        var reopened = run.SnapshotOf(new GateOpening(1, GateKey.Of(StepKind.StopOldManager), round + 1))!;
        Assert.Null(reopened.VoidedAt);
        Assert.NotEqual(shown.Hash, reopened.Hash);
        Assert.NotEqual(shown.Facts.Single(f => f.Name == fact), reopened.Facts.Single(f => f.Name == fact));
        Assert.Equal(2, run.Votes.Count(v => v.Gate == GateKey.Of(StepKind.StopOldManager) && v.Round == round));
        Assert.Contains("did not run", run.StatusMessage);
        var journal = await engine.AuditAsync(id, CancellationToken.None);
        Assert.Contains(journal, e => e.Action == "approval-voided" && e.Detail.Contains(change, StringComparison.Ordinal));
        Assert.Contains(journal, e => e.Action == "approved" && e.Actor == "bob" && e.Detail.EndsWith($"snapshot {shown.Hash}", StringComparison.Ordinal));

        // Approved again on what is there now, the cutover runs.
        await Vote(engine, id, "bob");
        await Vote(engine, id, "carol");
        await engine.AdvanceAsync(id, CancellationToken.None);
        Assert.False(ovm.Environments["B"].OriginalRunning);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task ApprovedCutoverWithNothingChanged_Advance_StopsAndJournalsThatTheApprovalHeld(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var ovm = new FakeOvm();
        var engine = Engine(db, ovm);
        var id = await AtFirstCutoverAsync(engine);
        var shown = (await engine.FindAsync(id, CancellationToken.None))!.SnapshotOf(new GateOpening(1, GateKey.Of(StepKind.StopOldManager), (await engine.FindAsync(id, CancellationToken.None))!.GateRound))!;

        await Vote(engine, id, "bob");
        await Vote(engine, id, "carol");
        await engine.AdvanceAsync(id, CancellationToken.None);

        Assert.False(ovm.Environments["B"].OriginalRunning);
        Assert.Contains(await engine.AuditAsync(id, CancellationToken.None), e => e.Action == "approval-holds" && e.Detail.Contains(shown.Hash, StringComparison.Ordinal));
    }

    private static MigrationEngine Engine(IDbContextFactory<MigrationDbContext> db, FakeOvm ovm)
    {
        var harness = new EngineHarness(ovm: ovm);
        return new MigrationEngine(new EfMigrationStore(db), harness.Settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), TimeProvider.System, ovm, leases: TestLeases.For(db, "replica-1", TimeProvider.System));
    }

    private static async Task<Guid> AtFirstCutoverAsync(MigrationEngine engine)
    {
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None)).Run!.Id;
        await engine.AdvanceAsync(id, CancellationToken.None);
        var run = (await engine.FindAsync(id, CancellationToken.None))!;
        while (run.Step != StepKind.StopOldManager)
        {
            Assert.Equal(RunState.AwaitingApproval, run.State);
            await Vote(engine, id, "bob");
            await engine.AdvanceAsync(id, CancellationToken.None);
            run = (await engine.FindAsync(id, CancellationToken.None))!;
        }

        Assert.Equal((RunState.AwaitingApproval, 1), (run.State, run.Phase));
        return id;
    }

    private static async Task Vote(MigrationEngine engine, Guid id, string user)
    {
        var run = (await engine.FindAsync(id, CancellationToken.None))!;
        var outcome = await engine.DecideAsync(id, user, "test", VoteDecision.Approve, null, CancellationToken.None, GateOpening.WaitingIn(run));
        Assert.True(outcome.Succeeded, outcome.Message);
    }
}
