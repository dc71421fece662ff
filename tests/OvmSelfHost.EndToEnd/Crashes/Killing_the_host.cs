using System.Text.Json.Nodes;
using OvmSelfHost.EndToEnd.Support;
using OvmSelfHost.TestSupport.Ordering;
using Xunit.Abstractions;

namespace OvmSelfHost.EndToEnd.Crashes;

/// <summary>
/// The crash matrix of issue 11: the host killed with SIGKILL at every step boundary of both phases, inside
/// every step that changes Oracle VM, and around the votes of two-approver gates, restarted over the same
/// database each time against a simulator that outlives it (a program of its own). Every migration must end
/// Completed with every side effect exactly once (from the simulator's own counts) and no vote lost.
/// Two migrations run side by side: each takes the boundaries of one phase and the inside points of the other.
/// </summary>
[LongRunning(330)]
public sealed class Killing_the_host(ITestOutputHelper output)
{
    private static readonly string[] OvmSteps = ["CreateManagerVm", "InstallManager", "StopOldManager", "Rediscover"];

    private static readonly string[] Steps =
    [
        "Preflight", "PrepareHostingEnvironment", "CreateManagerVm", "VerifyGuestOs", "ReadManagerUuid", "CheckDatabase",
        "InstallManager", "RecordInventory", "StopOldManager", "Rediscover", "VerifyInventory", "ConfirmPhase",
    ];

    /// <summary>Simulated durations long enough (at time scale 10) for a poll to find a job or the installer running.</summary>
    private static readonly object SlowEnoughToCatch = new
    {
        jobSeconds = 8, discoverySeconds = 8, refreshSeconds = 4, installerSeconds = 40, managerStartupSeconds = 10,
    };

    [Fact]
    public async Task HostKilledAtEveryBoundaryAndInsideEveryOvmStep_Restarted_EveryRunCompletesWithEverySideEffectOnce()
    {
        var drills = await Task.WhenAll(DrillAsync(boundariesOf: 1), DrillAsync(boundariesOf: 2));

        var points = drills.SelectMany(d => d.Hits).ToList();
        output.WriteLine($"Crash matrix: {drills.Length} migrations, {points.Count} kills (SIGKILL, restart over the same database), " +
                         $"{drills.Count(d => d.Completed)} of {drills.Length} completed.");
        foreach (var drill in drills)
        {
            output.WriteLine($"  migration {drill.Id}: {(drill.Completed ? "Completed" : "NOT completed")}, {drill.Hits.Count} kills, host started {drill.Starts} times, {drill.Votes} votes kept");
            drill.Hits.ForEach(h => output.WriteLine($"    killed: {h}"));
            output.WriteLine($"    side effects: {string.Join("; ", drill.Effects.Select(e => $"{e.Key} x{e.Value}"))}");
        }

        Assert.All(drills, d => Assert.True(d.Completed));
        Assert.All(drills, d => Assert.All(d.Effects, e => Assert.True(e.Value == 1, $"{e.Key} happened {e.Value} times in migration {d.Id}")));
        Assert.All(drills, d => Assert.Empty(d.Missed));
        foreach (var phase in new[] { 1, 2 })
        {
            Assert.All(Steps, s => Assert.Contains(points, p => p.StartsWith($"P{phase} {s} boundary", StringComparison.Ordinal)));
            Assert.All(OvmSteps, s => Assert.Contains(points, p => p.StartsWith($"P{phase}", StringComparison.Ordinal) && p.Contains(s, StringComparison.Ordinal) && !p.Contains("boundary", StringComparison.Ordinal)));
        }
    }

    private async Task<DrillResult> DrillAsync(int boundariesOf)
    {
        var inside = 3 - boundariesOf;
        var plan = new HashSet<string>(Steps.Select(s => $"P{boundariesOf} {s} boundary"))
        {
            $"P{inside} inside clone job", $"P{inside} inside start VM job", $"P{inside} inside ISO mapping job",
            $"P{inside} inside installer", $"P{inside} inside discover job",
            $"P{inside} StopOldManager: right after the deciding vote", $"P{boundariesOf} StopOldManager: after the first of two votes",
        };
        var planned = plan.ToList();
        await using var simulator = new SimulatorProcess();
        await simulator.StartAsync(timeScale: 10, SlowEnoughToCatch);
        await using var host = new HostProcess(simulator.HostSettings);
        await host.StartAsync();
        var drill = new MigrationDrill(host, () => simulator.GetAsync("sim/stats"), plan, TimeSpan.FromMinutes(12));
        var run = await drill.RunAsync(CancellationToken.None);

        var effects = await simulator.EffectsAsync();
        using var api = new HttpClient { BaseAddress = host.BaseAddress };
        var proposals = JsonNode.Parse(await api.GetStringAsync($"/api/migrations/{drill.MigrationId}/proposals"))!.AsArray();
        var kept = drill.AcceptedVotes.Count(v => proposals.Any(p => p!["key"]!.GetValue<string>() == v.Key
            && p["votes"]!.AsArray().Any(x => x!["user"]!.GetValue<string>() == v.User)));
        Assert.Equal(drill.AcceptedVotes.Count, kept);
        Assert.Contains("ovmm-b ovmm stop", effects.Keys);
        Assert.Contains("ovmm-a ovmm stop", effects.Keys);
        Assert.Contains("installer on ovmm-b-vm", effects.Keys);
        Assert.Contains("installer on ovmm-a-vm", effects.Keys);
        return new DrillResult(drill.MigrationId, run["state"]!.GetValue<string>() == "Completed", [.. drill.Hits], plan.ToList(), host.Starts, kept, effects);
    }

    private sealed record DrillResult(Guid Id, bool Completed, List<string> Hits, List<string> Missed, int Starts, int Votes, Dictionary<string, int> Effects);
}
