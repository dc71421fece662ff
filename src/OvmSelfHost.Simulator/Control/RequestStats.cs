using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Hosting;
using OvmSelfHost.Simulator.Jobs;

namespace OvmSelfHost.Simulator.Control;

/// <summary>
/// Counts WS-API requests for the benchmarks (<c>GET /sim/stats</c>, <c>DELETE /sim/stats</c>): per manager,
/// method and path (ids replaced by <c>{id}</c>), and when each job was read. Additive only; it changes no
/// behaviour. The snapshot also lists the simulated operations (jobs, installers, manager start-ups) with
/// their simulated times, so a harness can compute the critical path of a migration, and the last
/// <see cref="RecentLimit"/> requests with their times, so it can time when a call came (after a kill, after a vote).
/// </summary>
internal sealed class RequestStats
{
    private readonly ConcurrentDictionary<string, long> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> jobReads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecentRequest> recent = new();

    public const int RecentLimit = 256;

    public void Record(string manager, string method, string? path, DateTimeOffset now)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(4).ToArray(); // after /ovm/core/wsapi/rest
        var shape = string.Join('/', segments.Select(s => s.Any(char.IsAsciiDigit) ? "{id}" : s));
        calls.AddOrUpdate($"{manager} {method} /{shape}", 1, (_, n) => n + 1);
        recent.Enqueue(new RecentRequest(now, manager, method, "/" + string.Join('/', segments)));
        while (recent.Count > RecentLimit && recent.TryDequeue(out _))
        {
        }

        if (method == "GET" && segments is ["Job", var id] && id.Any(char.IsAsciiDigit))
        {
            jobReads.GetOrAdd(id, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(now);
        }
    }

    public void Reset()
    {
        calls.Clear();
        jobReads.Clear();
        recent.Clear();
    }

    /// <summary>
    /// Side effects counted from the world itself (so they survive a saved world's restart): installer runs per
    /// host, jobs per manager and name (a clone, a discover, an ISO mapping…), service starts and stops per host.
    /// </summary>
    private static object Effects(World.SimulationWorld world) => new
    {
        installerRuns = world.Hosts.Values.Where(h => h.Installs.Count > 0)
            .ToDictionary(h => h.Name, h => h.Installs.Count, StringComparer.Ordinal),
        jobs = world.Store.All<Job>().Where(j => j.Parent is null).GroupBy(j => $"{j.Owner.Name}: {j.Name}")
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        serviceActions = world.ServiceActions.GroupBy(a => a).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
    };

    public IResult Snapshot(SimulatorRuntime runtime)
    {
        var world = runtime.World;
        lock (world.Gate)
        {
            world.Advance();
            var jobs = world.Store.All<Job>().Where(j => j.Parent is null).Select(j => new
            {
                j.Id, manager = j.Owner.Name, j.Name, createdAt = j.CreatedAt, startedAt = j.StartedAt, endedAt = j.EndedAt,
                summaryEndedAt = j.Children.Count == 0 ? j.EndedAt : j.Children.Max(c => c.EndedAt) is { } c && c > j.EndedAt ? c : j.EndedAt,
                reads = jobReads.TryGetValue(j.Id, out var r) ? r.ToArray() : [],
            }).ToList();
            var installs = world.Hosts.Values.SelectMany(h => h.Installs).Select(i => new { host = i.HostName, startedAt = i.StartedAt, endsAt = i.StartedAt + i.Duration }).ToList();
            var managers = world.Managers.Select(m => new { m.Name, upSince = world.UpSince(m), runningSince = world.RunningSince(m) }).ToList();
            return TypedResults.Ok(new
            {
                now = world.Now, requests = calls.Values.Sum(), calls = calls.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value),
                jobs, installs, managers, effects = Effects(world), recent = recent.ToArray(),
            });
        }
    }
}
