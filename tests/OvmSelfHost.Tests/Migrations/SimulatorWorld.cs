using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>A simulator of its own for one test (dynamic ports, fast time), and plain reads of what it shows.</summary>
internal sealed class SimulatorWorld : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private SimulatorWorld(OvmSimulator simulator) => Simulator = simulator;

    public OvmSimulator Simulator { get; }

    public Uri ControlUrl => Simulator.ControlUrl;

    public static async Task<SimulatorWorld> StartAsync() =>
        new(await OvmSimulator.StartAsync(new SimulatorOptions { DynamicPorts = true, TimeScale = 50 }));

    public async Task<JsonElement> ManagerAsync(string name)
    {
        var managers = await http.GetFromJsonAsync<JsonElement>(new Uri(ControlUrl, "/sim/managers"));
        return managers.EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
    }

    /// <summary>GET on a simulated manager's WS-API, as any client would (Basic auth, JSON).</summary>
    public async Task<JsonElement> WsApiAsync(string manager, string path)
    {
        var info = await ManagerAsync(manager);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{info.GetProperty("httpBaseUrl").GetString()}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:Welcome1")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>POST on the simulator's control API (server failures, services, memory); fails the test on an error.</summary>
    public async Task PostAsync(string path, object? body = null)
    {
        using var response = await http.PostAsJsonAsync(new Uri(ControlUrl, path), body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>PUT on the simulator's control API (settings); fails the test on an error.</summary>
    public async Task PutAsync(string path, object body)
    {
        using var response = await http.PutAsJsonAsync(new Uri(ControlUrl, path), body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>GET on the simulator's control API.</summary>
    public async Task<JsonElement> GetAsync(string path) => await http.GetFromJsonAsync<JsonElement>(new Uri(ControlUrl, path));

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Simulator.DisposeAsync();
    }
}
