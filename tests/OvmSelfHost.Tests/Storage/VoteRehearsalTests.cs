using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OvmSelfHost.Configuration;
using OvmSelfHost.Operations;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Running;
using OvmSelfHost.Storage;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Storage;

/// <summary>The vote a replica rehearses at start goes all the way to the database, and is voided there: nothing committed, nobody told.</summary>
public sealed class VoteRehearsalTests
{
    private const string Channel = "ovm_test_rehearsal";

    [Theory]
    [MemberData(nameof(Databases.Providers), MemberType = typeof(Databases))]
    public async Task FreshReplica_RehearsesAVote_SaveSentAndVoidedNothingCommittedNobodyTold(StorageProvider provider)
    {
        var contexts = await Databases.CreateAsync(provider);
        var announcer = new RecordingAnnouncer(provider == StorageProvider.PostgreSql);
        var store = new EfMigrationStore(contexts, time: TimeProvider.System, announcer: announcer);
        var harness = new EngineHarness();
        var (notifier, driver) = (new RecordingNotifier(), new RecordingDriver());
        var engine = new MigrationEngine(store, harness.Settings, EngineHarness.People, EngineHarness.AllSteps(), notifier, driver, TimeProvider.System,
            leases: TestLeases.For(contexts, "replica-1", TimeProvider.System));
        var logger = new ListLogger<VoteRehearsal>();
        var heard = new List<string>();
        await using var listener = provider == StorageProvider.PostgreSql ? await ListenAsync(contexts, heard) : null;

        using var rehearsal = new VoteRehearsal(store, engine, harness.Settings, TimeProvider.System, logger);
        var warmUp = new WarmUpHealthCheck(rehearsal);
        var before = await warmUp.CheckHealthAsync(new HealthCheckContext());
        await rehearsal.StartAsync(CancellationToken.None);
        await rehearsal.ExecuteTask!;

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        var announced = Assert.Single(announcer.Runs);
        Assert.Equal(RunState.Ready, announced.State);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Migrations.CountAsync() + await db.Steps.CountAsync() + await db.Votes.CountAsync() + await db.VoteSignIns.CountAsync()
                            + await db.Audit.CountAsync() + await db.AuditLinks.CountAsync() + await db.DeliveryClaims.CountAsync() + await db.Outbox.CountAsync());
        }

        if (listener is not null)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(500));
        }

        Assert.Empty(heard);
        Assert.Empty(notifier.Changes);
        Assert.Empty(driver.Kicks);
        Assert.Null(await store.FindAsync(announced.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest, false)]
    [InlineData(StatusCodes.Status401Unauthorized, false)]
    [InlineData(StatusCodes.Status200OK, true)]
    public async Task HostListening_Rehearsal_SendsOneConsoleVoteForNoProposal_AndWarnsUnlessItIsRefused(int answer, bool warned)
    {
        var requests = new List<(string Path, string Body, string Agent)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var console = builder.Build();
        console.MapPost("/api/proposals/{key}/votes", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            requests.Add((request.Path, await reader.ReadToEndAsync(), request.Headers.UserAgent.ToString()));
            return Results.StatusCode(answer);
        });
        await console.StartAsync();
        var contexts = await Databases.CreateAsync(StorageProvider.Sqlite);
        var store = new EfMigrationStore(contexts, time: TimeProvider.System);
        var harness = new EngineHarness();
        var engine = new MigrationEngine(store, harness.Settings, EngineHarness.People, EngineHarness.AllSteps(), new RecordingNotifier(), new RecordingDriver(),
            TimeProvider.System, leases: TestLeases.For(contexts, "replica-1", TimeProvider.System));
        var logger = new ListLogger<VoteRehearsal>();

        using var rehearsal = new VoteRehearsal(store, engine, harness.Settings, TimeProvider.System, logger,
            console.Services.GetRequiredService<IServer>(), console.Lifetime);
        await rehearsal.StartAsync(CancellationToken.None);
        await rehearsal.ExecuteTask!;

        var request = Assert.Single(requests);
        Assert.Equal("/api/proposals/rehearsal/votes", request.Path);
        Assert.Equal("""{"user":"rehearsal","decision":"approve"}""", request.Body);
        Assert.StartsWith("OvmSelfHost-vote-rehearsal", request.Agent, StringComparison.Ordinal);
        Assert.Equal(warned, logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains($"was answered {answer}", StringComparison.Ordinal)));
        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Warning && !e.Message.Contains("was answered", StringComparison.Ordinal));
    }

    [Fact]
    public void MadeUpRun_AtFirstGate_WaitsForApprovalsWithTheStepsBeforeDoneAndASnapshot()
    {
        var run = MadeUpRun.AtFirstGate(new EngineHarness().Settings, DateTimeOffset.UnixEpoch)!;

        Assert.Equal(RunState.AwaitingApproval, run.State);
        Assert.NotNull(GateOpening.WaitingIn(run));
        Assert.All(run.Steps.Where(s => s.Phase == 1).TakeWhile(s => s.Kind != run.Step), s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.Single(run.CurrentFacts.Snapshots);
    }

    private static async Task<NpgsqlConnection> ListenAsync(IDbContextFactory<MigrationDbContext> contexts, List<string> heard)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var listener = new NpgsqlConnection(db.Database.GetConnectionString());
        await listener.OpenAsync();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using var listen = new NpgsqlCommand($"LISTEN {Channel}", listener);
        await listen.ExecuteNonQueryAsync();
        return listener;
    }

    /// <summary>Records each run a save was built for; on PostgreSQL the save carries a real NOTIFY, as a replica's does.</summary>
    private sealed class RecordingAnnouncer(bool notify) : IChangeAnnouncer
    {
        public List<MigrationRun> Runs { get; } = [];

        public (string Channel, string Payload)? Announcement(MigrationRun run, long version, string what)
        {
            Runs.Add(run);
            return notify ? (Channel, $"{run.Id} v{version} {what}") : null;
        }
    }
}
