using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Inventory;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Running;
using OvmSelfHost.Storage;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

public sealed class EfMigrationStoreTests
{
    private static MigrationRun NewRun(string a = "A", string b = "B") =>
        MigrationRun.Create(Guid.NewGuid(), a, b, "alice", "test", new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static AuditEntry Entry(MigrationRun run, string action) => new(run.Id, run.CreatedAt, "alice", "test", action, "detail");

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task A_saved_run_reads_back_whole(StorageProvider provider)
    {
        var store = new EfMigrationStore(await Databases.CreateAsync(provider));
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        run.State = RunState.AwaitingApproval;
        run.PendingGate = GateKey.Of(StepKind.StopOldManager);
        run.GateRound = 3;
        run.Votes.Add(new Vote(1, GateKey.Of(StepKind.StopOldManager), 3, "bob", "slack", VoteDecision.Approve, null, run.CreatedAt));
        run.Facts[1].OldManagerUuid = "0004fb0000010000bbbbbbbbbbbbbbbb";
        run.Facts[1].Diff = new InventoryDiff([new InventoryDifference(DifferenceKind.Missing, "Vm", "v1", "web", "gone")], 10, 9);
        run.StepAt(1, Runbook.Definition.StepKind.Preflight).Output.Add("line");
        await store.SaveAsync(run, [Entry(run, "approved")], null, RunFence.None, CancellationToken.None);

        var loaded = (await store.FindAsync(run.Id, CancellationToken.None))!;

        Assert.Equal(RunState.AwaitingApproval, loaded.State);
        Assert.Equal(1, loaded.Version);
        Assert.Equal("bob", Assert.Single(loaded.Votes).User);
        Assert.Equal("0004fb0000010000bbbbbbbbbbbbbbbb", loaded.Facts[1].OldManagerUuid);
        Assert.Equal("web", Assert.Single(loaded.Facts[1].Diff!.Differences).Name);
        Assert.Equal(["line"], loaded.StepAt(1, Runbook.Definition.StepKind.Preflight).Output);
        Assert.Equal(["requested", "approved"], (await store.GetAuditAsync(run.Id, CancellationToken.None)).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task FreshDatabase_RehearseVote_CommitsNothingAndTheNextRealVoteChainsFromItsRoot(StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        var store = new EfMigrationStore(contexts);

        await store.RehearseVoteAsync(MadeUpRun.AtFirstGate(new EngineHarness().Settings, DateTimeOffset.UtcNow)!, CancellationToken.None);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, db.Migrations.Count() + db.Steps.Count() + db.Votes.Count() + db.VoteSignIns.Count() + db.Audit.Count() + db.AuditLinks.Count());
        }

        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        run.Votes.Add(new Vote(1, GateKey.Of(StepKind.CreateManagerVm), 1, "bob", "web", VoteDecision.Approve, null, run.CreatedAt));
        await store.SaveAsync(run, [Entry(run, "approved")], null, RunFence.None, CancellationToken.None);
        var verification = JournalChain.Verify(run.Id, run.CreatedAt, await store.GetChainedAuditAsync(run.Id, CancellationToken.None));
        Assert.True(verification.Intact);
        Assert.Equal("bob", Assert.Single((await store.FindAsync(run.Id, CancellationToken.None))!.Votes).User);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task A_save_from_an_older_version_is_refused(StorageProvider provider)
    {
        var store = new EfMigrationStore(await Databases.CreateAsync(provider));
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        var first = (await store.FindAsync(run.Id, CancellationToken.None))!;
        var second = (await store.FindAsync(run.Id, CancellationToken.None))!;

        await store.SaveAsync(first, [], null, RunFence.None, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() => store.SaveAsync(second, [Entry(second, "late")], null, RunFence.None, CancellationToken.None));
        Assert.DoesNotContain(await store.GetAuditAsync(run.Id, CancellationToken.None), e => e.Action == "late");
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task An_environment_in_flight_cannot_be_claimed_twice_until_its_run_ends(StorageProvider provider)
    {
        var store = new EfMigrationStore(await Databases.CreateAsync(provider));
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);

        var second = NewRun("B", "C");
        var busy = await Assert.ThrowsAsync<EnvironmentBusyException>(() => store.AddAsync(second, Entry(second, "requested"), null, CancellationToken.None));
        Assert.Equal("B", busy.Environment);

        run.State = RunState.Aborted;
        await store.SaveAsync(run, [], null, RunFence.None, CancellationToken.None);
        await store.AddAsync(second, Entry(second, "requested"), null, CancellationToken.None);
        Assert.Equal(2, (await store.ListAsync(CancellationToken.None)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task Job_durations_are_read_from_every_run_the_latest_few_of_each_kind(StorageProvider provider)
    {
        var store = new EfMigrationStore(await Databases.CreateAsync(provider));
        var (first, second) = (NewRun(), NewRun("C", "D"));
        foreach (var run in new[] { first, second })
        {
            await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        }

        for (var i = 0; i < 7; i++)
        {
            var run = i % 2 == 0 ? first : second;
            var job = new IntentRecord
            {
                Phase = 1, Step = "Rediscover", Key = $"Rediscover:discover:ovs-{i}", Description = "discover", Status = IntentStatus.Completed,
                JobId = $"{i}", RecordedAt = run.CreatedAt.AddMinutes(i), CompletedAt = run.CreatedAt.AddMinutes(i).AddSeconds(20 + i),
            };
            await store.SaveIntentAsync(run.Id, job, RunFence.None, CancellationToken.None);
        }

        var unfinished = new IntentRecord { Phase = 1, Step = "CreateManagerVm", Key = "CreateManagerVm:clone", Description = "clone", Status = IntentStatus.Issued, JobId = "9", RecordedAt = first.CreatedAt };
        await store.SaveIntentAsync(first.Id, unfinished, RunFence.None, CancellationToken.None);

        var jobs = await store.CompletedJobsAsync(5, CancellationToken.None);

        Assert.Equal(["2", "3", "4", "5", "6"], jobs.Select(j => j.JobId!).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task A_save_from_an_old_copy_never_moves_an_intent_backwards(StorageProvider provider)
    {
        var store = new EfMigrationStore(await Databases.CreateAsync(provider));
        var run = NewRun();
        await store.AddAsync(run, Entry(run, "requested"), null, CancellationToken.None);
        var intent = new IntentRecord { Phase = 1, Step = "CreateManagerVm", Key = "CreateManagerVm:create", Description = "create", Status = IntentStatus.Recorded, RecordedAt = run.CreatedAt };
        await store.SaveIntentAsync(run.Id, intent, RunFence.None, CancellationToken.None);
        var stale = (await store.FindAsync(run.Id, CancellationToken.None))!;

        intent.Status = IntentStatus.Issued;
        intent.JobId = "1448899976258";
        await store.SaveIntentAsync(run.Id, intent, RunFence.None, CancellationToken.None);
        await store.SaveAsync(stale, [], null, RunFence.None, CancellationToken.None);

        var loaded = Assert.Single((await store.FindAsync(run.Id, CancellationToken.None))!.Intents);
        Assert.Equal(IntentStatus.Issued, loaded.Status);
        Assert.Equal("1448899976258", loaded.JobId);
    }
}
