using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.DependencyInjection;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Ovm.Tests.Contract;

/// <summary>
/// The real simulator, embedded on dynamic ports at 20× speed, with the adapters built by
/// <see cref="SimulatorAdapterOptions.FromSimulatorAsync"/> and <c>AddOvmAdapters</c>. One per test class.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public OvmSimulator Simulator { get; private set; } = null!;

    public OvmAdapterOptions Options { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public HttpClient Control { get; } = new();

    public IOvmConnections Connections => Services.GetRequiredService<IOvmConnections>();

    public IOvmManager ManagerA => Connections.Manager("A", ManagerRole.Original);

    public IOvmManager ManagerB => Connections.Manager("B", ManagerRole.Original);

    public async Task InitializeAsync()
    {
        Simulator = await OvmSimulator.StartAsync(new SimulatorOptions { DynamicPorts = true, TimeScale = 20 });
        Control.BaseAddress = Simulator.ControlUrl;
        Options = await SimulatorAdapterOptions.FromSimulatorAsync(Simulator.ControlUrl);
        Services = Build(Options);
    }

    public static ServiceProvider Build(OvmAdapterOptions options) =>
        new ServiceCollection().AddOvmAdapters(options).BuildServiceProvider();

    public async Task<string> AddFaultAsync(object fault)
    {
        var response = await Control.PostAsJsonAsync("sim/faults", fault);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return created!["id"].ToString()!;
    }

    public async Task ClearFaultsAsync() => (await Control.DeleteAsync("sim/faults")).EnsureSuccessStatusCode();

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        Control.Dispose();
        await Simulator.DisposeAsync();
    }
}
