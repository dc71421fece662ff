using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Support;

/// <summary>The real host over a SQLite file of its own, with the in-memory Oracle VM fakes as adapters when asked.</summary>
/// <remarks>
/// Oracle VM adapters are off unless the test passes fakes, or settings such as <c>Ovm:Adapter</c> = <c>Simulator</c>
/// with <c>Ovm:SimulatorControlUrl</c> of a simulator the test started (the embedded one uses fixed ports).
/// </remarks>
public sealed class HostFactory(
    FakeOvm? ovm = null,
    string? databaseFile = null,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string DatabaseFile { get; } = databaseFile ?? Path.Combine(Path.GetTempPath(), $"ovmselfhost-test-{Guid.NewGuid():N}.db");

    public FakeOvm? Ovm => ovm;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", $"Data Source={DatabaseFile}");
        builder.UseSetting("Runbook:ManagerStopTimeout", "00:00:00");
        builder.UseSetting("Ovm:Adapter", "None");
        // Never the repository's saved simulator world: a test that embeds the simulator gets a fresh one.
        builder.UseSetting("Simulator:StatePath", "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            if (ovm is not null)
            {
                collection.AddSingleton<IOvmConnections>(ovm);
            }

            services?.Invoke(collection);
        });
    }
}
