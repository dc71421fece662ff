using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OvmSelfHost.EndToEnd.Support;
using Xunit.Abstractions;

namespace OvmSelfHost.EndToEnd.Replicas;

/// <summary>
/// Issue 12's drill: three replicas (real processes) on one PostgreSQL database against a simulator that
/// outlives them; a two-phase migration requested and voted on through random replicas; at every step that
/// changes Oracle VM, in both phases, the replica executing the run is killed with SIGKILL, and started again
/// only once another replica has taken the run over. The run completes, every side effect happens once
/// (the simulator's own counts) and no vote is lost.
/// </summary>
public sealed class Killing_the_executing_replica(ITestOutputHelper output)
{
    private static readonly string[] OvmSteps = ["CreateManagerVm", "InstallManager", "StopOldManager", "Rediscover"];
    private static readonly string[] Approvers = ["bob", "carol"];

    private static readonly object SlowEnoughToCatch = new
    {
        jobSeconds = 8, discoverySeconds = 8, refreshSeconds = 4, installerSeconds = 40, managerStartupSeconds = 10,
    };

    [Fact]
    public async Task ExecutorKilledAtEveryOvmStep_AnotherReplicaTakesOver_RunCompletesWithEverySideEffectOnce()
    {
        await using var simulator = new SimulatorProcess();
        await simulator.StartAsync(timeScale: 10, SlowEnoughToCatch);
        await using var replicas = new ReplicaSet(simulator, 3);
        await replicas.StartAsync();
        var plan = new HashSet<string>(new[] { 1, 2 }.SelectMany(p => OvmSteps.Select(s => $"P{p} {s}")));
        var kills = new List<string>();
        var accepted = new HashSet<(string Key, string User)>();
        var seenRunning = new Dictionary<string, int>();
        var restarts = new List<Task>();

        var created = await Api(Random(replicas)).PostAsJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();

        var deadline = DateTime.UtcNow.AddMinutes(8);
        JsonNode? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await TryGetAsync(replicas, $"/api/migrations/{id}");
            if (run is null)
            {
                await Task.Delay(100);
                continue;
            }

            var state = run["state"]!.GetValue<string>();
            if (state == "Completed")
            {
                break;
            }

            Assert.False(state is "Failed" or "Aborted" or "Rejected" or "RolledBack", $"Migration ended {state} after kills [{string.Join(", ", kills)}]: {run["statusMessage"]}");
            var point = $"P{run["phase"]} {run["currentStep"]}";
            // Inside the job or installer when it is caught running; else after the step has been seen running for a while.
            var polls = seenRunning[point] = seenRunning.GetValueOrDefault(point) + (state == "Running" ? 1 : 0);
            if (state == "Running" && plan.Contains(point) && run["executor"]?.GetValue<string>() is { } executor
                && (run["currentStep"]!.GetValue<string>() == "StopOldManager" || polls >= 15 || await SideEffectUnderWayAsync(simulator)))
            {
                plan.Remove(point);
                kills.Add($"{point}: killed {executor}");
                restarts.Add(await KillUntilTakenOverAsync(replicas, id, executor));
                continue;
            }

            if (state is "AwaitingApproval" or "AwaitingAcknowledgement")
            {
                await VoteAsync(replicas, id, accepted);
            }

            await Task.Delay(50);
        }

        await Task.WhenAll(restarts);
        Assert.Equal("Completed", run?["state"]?.GetValue<string>());
        kills.ForEach(k => output.WriteLine(k));
        var effects = await simulator.EffectsAsync();
        output.WriteLine(string.Join("; ", effects.Select(e => $"{e.Key} x{e.Value}")));
        Assert.Empty(plan);
        Assert.All(effects, e => Assert.True(e.Value == 1, $"{e.Key} happened {e.Value} times"));
        Assert.Contains("installer on ovmm-a-vm", effects.Keys);
        Assert.Contains("installer on ovmm-b-vm", effects.Keys);

        var proposals = (await TryGetAsync(replicas, $"/api/migrations/{id}/proposals"))!.AsArray();
        Assert.All(accepted, v => Assert.Contains(proposals, p => p!["key"]!.GetValue<string>() == v.Key
            && p["votes"]!.AsArray().Any(x => x!["user"]!.GetValue<string>() == v.User)));
        var journal = await Api(replicas.Hosts[0]).GetStringAsync($"/api/migrations/{id}/audit");
        Assert.Contains("takeover", journal, StringComparison.Ordinal);
    }

    /// <summary>A job or the installer is running in the simulator now (so the kill lands inside the step's side effect).</summary>
    private static async Task<bool> SideEffectUnderWayAsync(SimulatorProcess simulator)
    {
        var stats = await simulator.GetAsync("sim/stats");
        var now = stats["now"]!.GetValue<DateTimeOffset>();
        return stats["jobs"]!.AsArray().Any(j => j!["endedAt"] is null)
               || stats["installs"]!.AsArray().Any(i => i!["endsAt"]!.GetValue<DateTimeOffset>() > now);
    }

    /// <summary>
    /// SIGKILL the executor; once another replica shows as the run's executor, start it again in the
    /// background (the drill goes on meanwhile, so the next step is not missed). Returns the restart.
    /// </summary>
    private static async Task<Task> KillUntilTakenOverAsync(ReplicaSet replicas, Guid id, string executor)
    {
        var victim = replicas.ByName(executor);
        await victim.KillAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var run = await TryGetAsync(replicas, $"/api/migrations/{id}");
            if (run?["executor"]?.GetValue<string>() is { } now && now != executor || run?["state"]?.GetValue<string>() == "Completed")
            {
                return victim.StartAsync();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No replica took migration {id} over from {executor} within 60 s.");
    }

    private static async Task VoteAsync(ReplicaSet replicas, Guid id, HashSet<(string Key, string User)> accepted)
    {
        var proposals = await TryGetAsync(replicas, $"/api/migrations/{id}/proposals");
        if (proposals?.AsArray().LastOrDefault(p => p!["status"]!.GetValue<string>() == "Open") is not { } open)
        {
            return;
        }

        var key = open["key"]!.GetValue<string>();
        var voted = open["votes"]!.AsArray().Select(v => v!["user"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var voter = Approvers.FirstOrDefault(a => !voted.Contains(a) && !accepted.Contains((key, a)));
        if (voter is null)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/proposals/{Uri.EscapeDataString(key)}/votes")
        {
            Content = new StringContent($$"""{"user":"{{voter}}","decision":"approve"}""", Encoding.UTF8, "application/json"),
        };
        try
        {
            if ((await Api(Random(replicas)).SendAsync(request)).IsSuccessStatusCode)
            {
                accepted.Add((key, voter));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // That replica is down: the next round votes through another.
        }
    }

    private static HostProcess Random(ReplicaSet replicas) => replicas.Hosts[System.Random.Shared.Next(replicas.Hosts.Count)];

    private static HttpClient Api(HostProcess host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<JsonNode?> TryGetAsync(ReplicaSet replicas, string path)
    {
        foreach (var host in replicas.Hosts.OrderBy(_ => System.Random.Shared.Next()))
        {
            try
            {
                using var api = Api(host);
                var response = await api.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonNode>();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Killed or starting: ask another.
            }
        }

        return null;
    }
}
