using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Simulator.Tests.Support;

/// <summary>A simulator on dynamic ports with a fake clock, plus clients for its control API and managers.</summary>
internal sealed class SimSession : IAsyncDisposable
{
    private SimSession(OvmSimulator sim, FakeTimeProvider? time)
    {
        Sim = sim;
        Time = time;
        Control = new HttpClient { BaseAddress = sim.ControlUrl, Timeout = TimeSpan.FromSeconds(20) };
    }

    public OvmSimulator Sim { get; }
    /// <summary>The fake clock, or null when the session runs on real time with a high time scale.</summary>
    public FakeTimeProvider? Time { get; }
    public HttpClient Control { get; }

    public static async Task<SimSession> StartAsync(string scenario = "default")
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        var sim = await OvmSimulator.StartAsync(new SimulatorOptions { DynamicPorts = true, Scenario = scenario }, time);
        return new SimSession(sim, time);
    }

    /// <summary>A simulator whose world is saved in <paramref name="statePath"/> and read back from it, on <paramref name="time"/>.</summary>
    public static async Task<SimSession> StartSavedAsync(string statePath, FakeTimeProvider time)
    {
        var sim = await OvmSimulator.StartAsync(new SimulatorOptions { DynamicPorts = true, StatePath = statePath }, time);
        return new SimSession(sim, time);
    }

    /// <summary>Real time (<see cref="TimeProvider.System"/>) sped up by <paramref name="timeScale"/>.</summary>
    public static async Task<SimSession> StartRealTimeAsync(double timeScale, string scenario = "default")
    {
        var sim = await OvmSimulator.StartAsync(new SimulatorOptions { DynamicPorts = true, Scenario = scenario, TimeScale = timeScale });
        return new SimSession(sim, null);
    }

    public WsApiClient Manager(string name, string password = "Welcome1") =>
        new(Sim.Manager(name).HttpsBaseUrl, this, password);

    /// <summary>Fake clock: advances it. Real time: waits a little (the simulator's own pump applies what is due).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        if (Time is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25));
            return;
        }
        Time.Advance(by);
        await Sim.SyncAsync();
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        var response = await Control.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonNode> PostAsync(string path, object? body = null)
    {
        var response = await Control.PostAsJsonAsync(path, body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Sim.DisposeAsync();
    }
}
