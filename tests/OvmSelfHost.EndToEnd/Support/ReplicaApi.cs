using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>The replica drills' client side: any replica may answer, a killed or paused one is skipped.</summary>
public static class ReplicaApi
{
    public static readonly string[] Approvers = ["bob", "carol"];

    /// <summary>Any replica not paused (a paused one accepts connections and never answers).</summary>
    public static HostProcess Random(ReplicaSet replicas)
    {
        var up = replicas.Hosts.Where(h => !h.IsPaused).ToList();
        return up[System.Random.Shared.Next(up.Count)];
    }

    public static HttpClient Client(HostProcess host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Requests a migration A/B as alice; the request runs the preflight's reads, so it may take a while on a loaded machine.</summary>
    public static async Task<HttpResponseMessage> RequestMigrationAsync(HostProcess host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        return await client.PostAsJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" });
    }

    /// <summary>A job or the installer is running in the simulator now (so the kill lands inside the step's side effect).</summary>
    public static async Task<bool> SideEffectUnderWayAsync(SimulatorProcess simulator)
    {
        var stats = await simulator.GetAsync("sim/stats");
        var now = stats["now"]!.GetValue<DateTimeOffset>();
        return stats["jobs"]!.AsArray().Any(j => j!["endedAt"] is null)
               || stats["installs"]!.AsArray().Any(i => i!["endsAt"]!.GetValue<DateTimeOffset>() > now);
    }

    /// <summary>Approves the open gate as the next approver who has not voted, through a random replica.</summary>
    public static async Task VoteAsync(ReplicaSet replicas, Guid id, HashSet<(string Key, string User)> accepted)
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
            if ((await Client(Random(replicas)).SendAsync(request)).IsSuccessStatusCode)
            {
                accepted.Add((key, voter));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // That replica is down: the next round votes through another.
        }
    }

    /// <summary>The first answer of the replicas asked in random order; null when none answered.</summary>
    public static async Task<JsonNode?> TryGetAsync(ReplicaSet replicas, string path)
    {
        foreach (var host in replicas.Hosts.Where(h => !h.IsPaused).OrderBy(_ => System.Random.Shared.Next()))
        {
            try
            {
                using var api = Client(host);
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
