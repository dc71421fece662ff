using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Persistence;
using OvmSelfHost.Simulator.Scenarios;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>
/// Runs a world: applies due changes, and opens or closes each manager's listeners to match its state
/// (ovmm running and host up). A background pump does this every 100 ms; control calls do it at once.
/// </summary>
internal sealed class SimulatorRuntime(SimulatorOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly Dictionary<SimManager, ManagerEndpoint> endpoints = [];
    private readonly SemaphoreSlim reconcile = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly ReplayClock clock = new(time);
    private WorldJournal? journal;
    private bool replaying;
    private Task? pump;

    public SimulatorOptions Options => options;
    public TimeProvider Time => time;
    public SimulationWorld World { get; private set; } = null!;

    /// <summary>WS-API request counters for the benchmarks (<c>GET /sim/stats</c>).</summary>
    public Control.RequestStats Stats { get; } = new();

    /// <summary>How many saved changes were made again at start (0: the world was built from the scenario alone).</summary>
    public int Resumed { get; private set; }

    public async Task StartAsync(ScenarioDefinition scenario, CancellationToken ct)
    {
        World = ScenarioBuilder.Build(scenario, options, clock);
        if (!string.IsNullOrWhiteSpace(options.StatePath))
        {
            Resume(options.StatePath);
        }

        await SyncAsync(ct);
        pump = Task.Run(() => PumpAsync(stopping.Token), CancellationToken.None);
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, ct);
                await SyncAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Replays the saved world when it was made from the same scenario at the same time scale; otherwise starts it anew.</summary>
    private void Resume(string path)
    {
        var header = new JournalHeader(JournalHeader.CurrentVersion, options.Scenario, options.TimeScale);
        var saved = WorldJournal.Read(path);
        var same = saved is { Header: var h } && h == header;
        if (same)
        {
            replaying = true;
            try
            {
                WorldReplay.Apply(this, clock, saved!.Value.Entries);
            }
            finally
            {
                replaying = false;
            }

            Resumed = saved.Value.Entries.Count;
        }

        journal = WorldJournal.Open(path, header, append: same);
    }

    /// <summary>Saves one change (before it is made, under the world's lock) when the world is saved at all.</summary>
    public void Record(JournalEntry entry)
    {
        if (journal is null || replaying)
        {
            return;
        }

        lock (World.Gate)
        {
            journal.Write(entry with { At = World.Now });
        }
    }

    /// <summary>Applies due changes and brings every manager's listeners in line with its state.</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        await reconcile.WaitAsync(ct);
        try
        {
            var world = World;
            List<(SimManager Manager, bool Up)> desired;
            lock (world.Gate)
            {
                world.Advance();
                desired = world.Managers.Select(m => (m, world.IsUp(m) || !InferredChoices.StoppedManagerRefusesConnections)).ToList();
            }
            foreach (var (manager, up) in desired)
            {
                await ReconcileAsync(world, manager, up, ct);
            }
        }
        finally
        {
            reconcile.Release();
        }
    }

    private async Task ReconcileAsync(SimulationWorld world, SimManager manager, bool up, CancellationToken ct)
    {
        var endpoint = endpoints.GetValueOrDefault(manager);
        if (up && endpoint is not { IsOpen: true })
        {
            endpoint ??= endpoints[manager] = new ManagerEndpoint(this, manager, SelfSignedCertificate.For(manager.HostName));
            await endpoint.OpenAsync(ct);
        }
        else if (!up && endpoint is { IsOpen: true })
        {
            await endpoint.CloseAsync();
            lock (world.Gate)
            {
                manager.Sessions.Clear();
            }
        }
    }

    /// <summary>Replaces the world by a freshly built scenario (every listener is closed first).</summary>
    public async Task LoadAsync(ScenarioDefinition scenario, string source, CancellationToken ct)
    {
        await reconcile.WaitAsync(ct);
        try
        {
            await CloseAllAsync();
            var settings = World.Settings;
            World = ScenarioBuilder.Build(scenario, options, clock);
            World.Settings = settings;
            journal?.Restart(new JournalHeader(JournalHeader.CurrentVersion, source, options.TimeScale));
            Record(new JournalEntry
            {
                Kind = JournalEntry.Settings,
                SettingsChange = new Control.SettingsRequest(settings.TimeScale, settings.JobSeconds, settings.DiscoverySeconds,
                    settings.RefreshSeconds, settings.InstallerSeconds, settings.ManagerStartupSeconds, settings.RequestLatencyMs,
                    settings.HaRestartSeconds, settings.VmBootSeconds, settings.MigrationSeconds, settings.MigrationPauseSeconds),
            });
        }
        finally
        {
            reconcile.Release();
        }
        await SyncAsync(ct);
    }

    private async Task CloseAllAsync()
    {
        foreach (var endpoint in endpoints.Values)
        {
            await endpoint.CloseAsync();
        }
        endpoints.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (pump is not null)
        {
            await pump;
        }
        await reconcile.WaitAsync();
        await CloseAllAsync();
        journal?.Dispose();
        stopping.Dispose();
    }
}
