using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OvmSelfHost.EndToEnd.Support;

namespace OvmSelfHost.EndToEnd.Crashes;

/// <summary>
/// One migration A/B driven through the HTTP API as alice (requests), bob and carol (approve through the
/// proposals API), while the host is killed with SIGKILL at the planned points and started again over the
/// same database: at step boundaries (seen on the host's event stream), inside Oracle VM jobs and the
/// installer (seen in the simulator's statistics), and around the votes of two-approver gates. Between a kill and the
/// restart the drill takes the run's lease itself and lets go only once it listens to the new host's event stream:
/// a restarted host otherwise resumes before anyone can listen, and a step of milliseconds went by unseen.
/// </summary>
public sealed class MigrationDrill(HostProcess host, Func<Task<JsonNode>> simulatorStats, ISet<string> plan, TimeSpan timeout)
{
    private static readonly string[] Approvers = ["bob", "carol"];

    private static readonly (string Label, string JobName)[] InsideJobs =
    [
        ("clone job", "Clone VM"), ("start VM job", "Start VM"), ("ISO mapping job", "Create Vm Disk Mapping"), ("discover job", "Discover Manager Server"),
    ];

    private readonly SemaphoreSlim restarting = new(1, 1);
    private readonly ConcurrentQueue<string> hits = new();
    private readonly HashSet<(string Key, string User)> accepted = [];
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Guid> createdId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunLeaseHold? held;
    private HttpClient api = null!;
    private Guid id;
    private int phase = 1;

    public IReadOnlyCollection<string> Hits => hits;

    public IReadOnlyCollection<(string Key, string User)> AcceptedVotes => accepted;

    public Guid MigrationId => id;

    public async Task<JsonNode> RunAsync(CancellationToken cancellationToken)
    {
        api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The event stream is listened to before the migration exists, so its first boundary (Preflight) is seen
        // however fast the host gets through it.
        var watcher = Task.Run(() => WatchBoundariesAsync(stop.Token), CancellationToken.None);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var created = await api.PostAsJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" }, cancellationToken);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(cancellationToken));
            id = (await created.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!["id"]!.GetValue<Guid>();
            createdId.TrySetResult(id);
            return await DriveAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }
    }

    private async Task<JsonNode> DriveAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await restarting.WaitAsync(cancellationToken);
            restarting.Release();
            var run = await TryGetAsync($"/api/migrations/{id}", cancellationToken);
            if (run is null)
            {
                await Task.Delay(100, cancellationToken);
                continue;
            }

            var state = run["state"]!.GetValue<string>();
            phase = run["phase"]!.GetValue<int>();
            if (state == "Completed")
            {
                return run;
            }

            if (state is "Failed" or "Aborted" or "Rejected" or "RolledBack")
            {
                throw new Xunit.Sdk.XunitException($"Migration ended {state} after kills [{string.Join(", ", hits)}]: {run["statusMessage"]}");
            }

            if (!await KillInsideAsync(run) && state is "AwaitingApproval" or "AwaitingAcknowledgement")
            {
                await VoteAsync(cancellationToken);
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"Migration {id} did not complete within {timeout}; kills so far [{string.Join(", ", hits)}].");
    }

    /// <summary>Kills inside a running Oracle VM job or installer of the current phase, once per planned point.</summary>
    private async Task<bool> KillInsideAsync(JsonNode run)
    {
        JsonNode stats;
        try
        {
            stats = await simulatorStats();
        }
        catch (HttpRequestException)
        {
            return false;
        }

        var now = stats["now"]!.GetValue<DateTimeOffset>();
        var running = stats["jobs"]!.AsArray().Where(j => j!["endedAt"] is null).Select(j => j!["name"]!.GetValue<string>()).ToList();
        foreach (var (label, jobName) in InsideJobs)
        {
            if (running.Any(n => n.StartsWith(jobName, StringComparison.Ordinal)) && await KillAsync($"P{phase} inside {label} ({run["currentStep"]})"))
            {
                return true;
            }
        }

        var installing = stats["installs"]!.AsArray().Any(i => i!["endsAt"]!.GetValue<DateTimeOffset>() > now);
        return installing && await KillAsync($"P{phase} inside installer (InstallManager)");
    }

    private async Task VoteAsync(CancellationToken cancellationToken)
    {
        var proposals = await TryGetAsync($"/api/migrations/{id}/proposals", cancellationToken);
        if (proposals?.AsArray().LastOrDefault(p => p!["status"]!.GetValue<string>() == "Open") is not { } open)
        {
            return;
        }

        var key = open["key"]!.GetValue<string>();
        var gate = open["gate"]!.GetValue<string>();
        var voted = open["votes"]!.AsArray().Select(v => v!["user"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var voter = Approvers.FirstOrDefault(a => !voted.Contains(a) && !accepted.Contains((key, a)));
        if (voter is null)
        {
            throw new Xunit.Sdk.XunitException($"Gate {gate} ({key}) still waits after bob and carol approved: a vote was lost. Votes seen: {string.Join(", ", voted)}.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/proposals/{Uri.EscapeDataString(key)}/votes")
        {
            Content = new StringContent($$"""{"user":"{{voter}}","decision":"approve"}""", Encoding.UTF8, "application/json"),
        };
        HttpResponseMessage response;
        try
        {
            response = await api.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        accepted.Add((key, voter));
        var deciding = voted.Count + 1 >= open["requiredApprovals"]!.GetValue<int>();
        if (open["requiredApprovals"]!.GetValue<int>() == 2)
        {
            await KillAsync(deciding ? $"P{phase} {gate}: right after the deciding vote" : $"P{phase} {gate}: after the first of two votes");
        }
    }

    /// <summary>The host's event stream: every saved change names its phase and step, so a new one is a step boundary.</summary>
    private async Task WatchBoundariesAsync(CancellationToken cancellationToken)
    {
        var last = "";
        using var stream = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await stream.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line == "event: hello")
                    {
                        listening.TrySetResult();
                        if (Interlocked.Exchange(ref held, null) is { } hold)
                        {
                            await hold.ReleaseAsync();
                        }
                    }

                    if (!line.StartsWith("data: ", StringComparison.Ordinal) || JsonNode.Parse(line[6..]) is not { } change
                        || change["migrationId"]?.GetValue<Guid>() != await createdId.Task.WaitAsync(cancellationToken) || change["state"] is null)
                    {
                        continue;
                    }

                    var boundary = $"P{change["phase"]} {change["step"]} boundary";
                    if (boundary != last)
                    {
                        last = boundary;
                        await KillAsync(boundary);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// SIGKILL and start again over the same database, once per planned point, the run's lease held until the
    /// event stream of the new host is listened to (see <see cref="WatchBoundariesAsync"/>); true when it happened.
    /// </summary>
    private async Task<bool> KillAsync(string point)
    {
        await restarting.WaitAsync();
        try
        {
            if (plan.FirstOrDefault(p => point.StartsWith(p, StringComparison.Ordinal)) is not { } planned)
            {
                return false;
            }

            plan.Remove(planned);

            await host.KillAsync();
            hits.Enqueue(point);
            held = await RunLeaseHold.TakeAsync(host.DatabasePath, id);
            await host.StartAsync();
            return true;
        }
        finally
        {
            restarting.Release();
        }
    }

    private async Task<JsonNode?> TryGetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await api.GetAsync(path, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
