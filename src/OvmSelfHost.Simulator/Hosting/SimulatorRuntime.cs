using OvmSelfHost.Simulator.Inferred;
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
    private Task? pump;

    public SimulatorOptions Options => options;
    public TimeProvider Time => time;
    public SimulationWorld World { get; private set; } = null!;

    /// <summary>WS-API request counters for the benchmarks (<c>GET /sim/stats</c>).</summary>
    public Control.RequestStats Stats { get; } = new();

    public async Task StartAsync(ScenarioDefinition scenario, CancellationToken ct)
    {
        World = ScenarioBuilder.Build(scenario, options, time);
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
    public async Task LoadAsync(ScenarioDefinition scenario, CancellationToken ct)
    {
        await reconcile.WaitAsync(ct);
        try
        {
            await CloseAllAsync();
            var settings = World.Settings;
            World = ScenarioBuilder.Build(scenario, options, time);
            World.Settings = settings;
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
        stopping.Dispose();
    }
}
