using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OvmSelfHost.EndToEnd.Support;
using Xunit.Abstractions;

namespace OvmSelfHost.EndToEnd.Replicas;

/// <summary>
/// Issue 12's fencing drill with real processes: the replica executing a step is frozen with SIGSTOP while its
/// Oracle VM job runs, for longer than its lease; the other replica takes the run over and re-attaches to the job;
/// then the frozen one is let go (SIGCONT) with the step's save still ahead of it. It must save nothing: the
/// database keeps one journal line per finished step and the new holder's lease, the simulator counts every side
/// effect once, and the run completes.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class Pausing_the_executing_replica(ITestOutputHelper output)
{
    /// <summary>Jobs long enough (6 s of real time) to freeze their executor inside one, past a 2 s lease.</summary>
    private static readonly object LongJobs = new { jobSeconds = 60, discoverySeconds = 8, refreshSeconds = 4, installerSeconds = 40, managerStartupSeconds = 10 };

    /// <summary>After the takeover the rest of the migration only has to complete: short jobs on a faster clock.</summary>
    private static readonly object ShortJobs = new { timeScale = 40, jobSeconds = 8 };

    [Fact]
    public async Task ExecutorPausedPastItsLease_ResumedAfterATakeover_SavesNothingAndTheRunCompletesOnce()
    {
        await using var simulator = new SimulatorProcess();
        await simulator.StartAsync(timeScale: 10, LongJobs);
        await using var replicas = new ReplicaSet(simulator, 2);
        await replicas.StartAsync();
        var database = new ReplicaDatabase(replicas.ConnectionString());
        var accepted = new HashSet<(string Key, string User)>();

        var created = await ReplicaApi.RequestMigrationAsync(replicas.Hosts[0]);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();

        var (stale, staleToken) = await PauseInsideCreateManagerVmAsync(simulator, replicas, database, id, accepted);
        var taker = await WaitForTakeoverAsync(replicas, id, stale.Name);
        var lease = await database.RunLeaseAsync(id);
        output.WriteLine($"{stale.Name} (token {staleToken}) paused; {taker} took over with token {lease.Token}.");
        Assert.Equal(taker, lease.Replica);
        Assert.True(lease.Token > staleToken, $"The new holder's token {lease.Token} is not above the paused one's {staleToken}.");
        var logged = File.ReadAllLines(stale.Host.LogPath).Length;
        stale.Host.Resume();
        (await simulator.Control.PutAsJsonAsync("sim/settings", ShortJobs)).EnsureSuccessStatusCode();

        var run = await CompleteAsync(replicas, id, accepted);
        Assert.Equal("Completed", run["state"]!.GetValue<string>());

        var stopped = File.ReadAllLines(stale.Host.LogPath).Skip(logged)
            .Where(l => l.Contains("Stopped executing migration", StringComparison.Ordinal) && l.Contains("Nothing more is saved", StringComparison.Ordinal)).ToList();
        stopped.ForEach(output.WriteLine);
        Assert.NotEmpty(stopped);
        Assert.True((await ReplicaApi.Client(stale.Host).GetAsync("/healthz")).IsSuccessStatusCode, "The resumed replica is not healthy.");

        var journal = await database.JournalAsync(id);
        var finished = journal.Where(j => j.Action == "step-succeeded").Select(j => j.Detail.Split(':')[0]).ToList();
        Assert.Equal(finished.Distinct().Count(), finished.Count);
        Assert.Contains("phase 1 CreateManagerVm", finished);
        // At least the pause's takeover; under load a replica can also lose the run once during its slow start.
        Assert.Contains(journal, j => j.Action == "takeover" && j.Detail.Contains($"taken over from {stale.Name}", StringComparison.Ordinal));
        var effects = await simulator.EffectsAsync();
        output.WriteLine(string.Join("; ", effects.Select(e => $"{e.Key} x{e.Value}")));
        Assert.All(effects, e => Assert.True(e.Value == 1, $"{e.Key} happened {e.Value} times"));
    }

    /// <summary>Approves up to CreateManagerVm and freezes its executor once its first job is running; returns it and its lease token.</summary>
    private static async Task<((HostProcess Host, string Name) Stale, long Token)> PauseInsideCreateManagerVmAsync(
        SimulatorProcess simulator, ReplicaSet replicas, ReplicaDatabase database, Guid id, HashSet<(string Key, string User)> accepted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var run = await ReplicaApi.TryGetAsync(replicas, $"/api/migrations/{id}");
            if (run?["state"]?.GetValue<string>() == "Running" && run["currentStep"]?.GetValue<string>() == "CreateManagerVm"
                && run["executor"]?.GetValue<string>() is { } executor && await ReplicaApi.SideEffectUnderWayAsync(simulator))
            {
                var lease = await database.RunLeaseAsync(id);
                var host = replicas.ByName(executor);
                host.Pause();
                return ((host, executor), lease.Token);
            }

            if (run?["state"]?.GetValue<string>() is "AwaitingApproval" or "AwaitingAcknowledgement")
            {
                await ReplicaApi.VoteAsync(replicas, id, accepted);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("CreateManagerVm's job was never seen running.");
    }

    private static async Task<string> WaitForTakeoverAsync(ReplicaSet replicas, Guid id, string stale)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var run = await ReplicaApi.TryGetAsync(replicas, $"/api/migrations/{id}");
            if (run?["executor"]?.GetValue<string>() is { } executor && executor != stale)
            {
                return executor;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No replica took migration {id} over from the paused {stale} within 30 s.");
    }

    private static async Task<JsonNode> CompleteAsync(ReplicaSet replicas, Guid id, HashSet<(string Key, string User)> accepted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        JsonNode? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await ReplicaApi.TryGetAsync(replicas, $"/api/migrations/{id}") ?? run;
            var state = run?["state"]?.GetValue<string>();
            if (state is "Completed" or "Failed" or "Aborted" or "Rejected" or "RolledBack")
            {
                Assert.True(state == "Completed", $"Migration ended {state}: {run!["statusMessage"]}");
                return run!;
            }

            if (state is "AwaitingApproval" or "AwaitingAcknowledgement")
            {
                await ReplicaApi.VoteAsync(replicas, id, accepted);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Migration {id} did not complete within 5 minutes; last seen {run?["state"]} at {run?["currentStep"]}.");
    }
}
