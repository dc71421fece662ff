using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Tests.Fakes;

namespace OvmSelfHost.Tests.Support;

/// <summary>The real host over a SQLite file of its own, with the in-memory Oracle VM fakes as adapters when asked.</summary>
public sealed class HostFactory(FakeOvm? ovm = null, string? databaseFile = null) : WebApplicationFactory<Program>
{
    public string DatabaseFile { get; } = databaseFile ?? Path.Combine(Path.GetTempPath(), $"ovmselfhost-test-{Guid.NewGuid():N}.db");

    public FakeOvm? Ovm => ovm;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", $"Data Source={DatabaseFile}");
        builder.UseSetting("Runbook:ManagerStopTimeout", "00:00:00");
        builder.ConfigureTestServices(services =>
        {
            if (ovm is not null)
            {
                services.AddSingleton<IOvmConnections>(ovm);
            }
        });
    }
}
