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

namespace OvmSelfHost.Tests.Storage;

/// <summary>Engines over a real database: what two replicas, or a restarted host, would do.</summary>
public sealed class EngineOverDatabaseTests
{
    /// <param name="replica">The replica the engine runs on: a second engine of the same name is a restart of the first.</param>
    private static MigrationEngine Engine(IDbContextFactory<MigrationDbContext> db, FakeOvm ovm, string replica = "replica-1")
    {
        var harness = new EngineHarness(ovm: ovm);
        return new MigrationEngine(new EfMigrationStore(db), harness.Settings, EngineHarness.People, EngineHarness.AllSteps(),
            new RecordingNotifier(), new RecordingDriver(), TimeProvider.System, ovm, leases: TestLeases.For(db, replica, TimeProvider.System));
    }

    private static async Task<Guid> AtCreateGateAsync(MigrationEngine engine)
    {
        var outcome = await engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None);
        await engine.AdvanceAsync(outcome.Run!.Id, CancellationToken.None);
        var run = (await engine.FindAsync(outcome.Run.Id, CancellationToken.None))!;
        Assert.Equal((RunState.AwaitingApproval, StepKind.CreateManagerVm), (run.State, run.Step));
        return run.Id;
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task Two_concurrent_approvals_of_a_one_approver_gate_count_once(StorageProvider provider)
    {
        for (var round = 0; round < 5; round++)
        {
            var db = await Databases.CreateAsync(provider);
            var ovm = new FakeOvm();
            var (first, second) = (Engine(db, ovm), Engine(db, ovm, "replica-2"));
            var id = await AtCreateGateAsync(first);

            var outcomes = await Task.WhenAll(
                Task.Run(() => first.DecideAsync(id, "bob", "slack", VoteDecision.Approve, null, CancellationToken.None)),
                Task.Run(() => second.DecideAsync(id, "carol", "teams", VoteDecision.Approve, null, CancellationToken.None)));

            Assert.Single(outcomes, o => o.Succeeded);
            Assert.Single(outcomes, o => o.Kind == OutcomeKind.Conflict);
            var run = (await first.FindAsync(id, CancellationToken.None))!;
            Assert.Single(run.Votes);
            Assert.Equal(RunState.Ready, run.State);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task A_double_click_delivered_to_two_replicas_records_one_vote(StorageProvider provider)
    {
        var db = await Databases.CreateAsync(provider);
        var ovm = new FakeOvm();
        var (first, second) = (Engine(db, ovm), Engine(db, ovm, "replica-2"));
        var id = await AtCreateGateAsync(first);

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.DecideAsync(id, "bob", "slack", VoteDecision.Approve, null, CancellationToken.None)),
            Task.Run(() => second.DecideAsync(id, "bob", "slack", VoteDecision.Approve, null, CancellationToken.None)));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single((await first.FindAsync(id, CancellationToken.None))!.Votes);
    }

    [Fact]
    public async Task A_restarted_engine_waits_for_the_stored_job_instead_of_creating_the_vm_again()
    {
        var db = await Databases.CreateAsync(StorageProvider.Sqlite);
        var ovm = new FakeOvm { HangJob = op => op is CreateManagerVm };
        var before = Engine(db, ovm);
        var id = await AtCreateGateAsync(before);
        await before.DecideAsync(id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None);
        await before.AdvanceAsync(id, CancellationToken.None);
        var failed = (await before.FindAsync(id, CancellationToken.None))!;
        var job = Assert.Single(failed.Intents, i => i.Key == "CreateManagerVm:create").JobId!;
        Assert.Equal(RunState.Failed, failed.State);

        ovm.Jobs[job] = ovm.Jobs[job] with { State = OvmJobState.Succeeded, ResultId = "vm-ovmm-b-vm" };
        var after = Engine(db, ovm);
        await after.ActAsync(id, "bob", "test", OperatorAction.Retry, CancellationToken.None);
        await after.AdvanceAsync(id, CancellationToken.None);

        var run = (await after.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(StepStatus.Succeeded, run.StepAt(1, StepKind.CreateManagerVm).Status);
        Assert.Single(ovm.Calls, c => c.Contains("create VM", StringComparison.Ordinal));
        Assert.Equal(job, run.Intents.Single(i => i.Key == "CreateManagerVm:create").JobId);
    }
}
