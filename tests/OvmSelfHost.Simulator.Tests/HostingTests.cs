using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OvmSelfHost.Simulator.DependencyInjection;
using OvmSelfHost.Simulator.Hosting;

namespace OvmSelfHost.Simulator.Tests;

public sealed class HostingTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOvmSimulator();
        return builder.Build();
    }

    [Fact]
    public async Task UnknownScenario_HostStart_FailsNamingTheKey()
    {
        using var host = Build(new() { ["Simulator:Scenario"] = "no-such-scenario", ["Simulator:DynamicPorts"] = "true" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Simulator:Scenario", error.Message);
    }

    [Fact]
    public async Task HostedService_StartsSimulator_ReportingManagerUrls()
    {
        using var host = Build(new() { ["Simulator:DynamicPorts"] = "true", ["Simulator:TimeScale"] = "100" });
        await host.StartAsync();
        try
        {
            var sim = host.Services.GetRequiredService<SimulatorHandle>().Instance!;
            Assert.Equal(["ovmm-a", "ovmm-b"], sim.Managers.Select(m => m.Name));
            using var http = new HttpClient { BaseAddress = sim.ControlUrl };
            var managers = await http.GetStringAsync("sim/managers");
            Assert.Contains(sim.Manager("ovmm-b").HttpsBaseUrl.ToString(), managers);
            Assert.NotEqual(0, sim.Manager("ovmm-b").HttpsPort);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task PortOffset_ShiftsEveryDefaultPort()
    {
        // Below the kernel's ephemeral range (32768-60999), where an outgoing connection could hold the port.
        await using var sim = await OvmSimulator.StartAsync(new SimulatorOptions { PortOffset = 14000 });
        Assert.Equal(21000, sim.ControlUrl.Port);
        Assert.Equal(21002, sim.Manager("ovmm-a").HttpsPort);
        Assert.Equal(21011, sim.Manager("ovmm-b").HttpPort);
    }
}
