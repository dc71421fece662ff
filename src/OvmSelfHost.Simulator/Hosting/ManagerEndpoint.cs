using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OvmSelfHost.Simulator.World;
using OvmSelfHost.Simulator.WsApi;

namespace OvmSelfHost.Simulator.Hosting;

/// <summary>The Kestrel listeners (HTTPS and HTTP) of one manager; open while its ovmm service runs and its host is up.</summary>
internal sealed class ManagerEndpoint(SimulatorRuntime runtime, SimManager manager, X509Certificate2 certificate)
{
    private WebApplication? app;

    public bool IsOpen => app is not null;

    public async Task OpenAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        var address = IPAddress.Parse(runtime.Options.BindAddress);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Chosen per connection, so a certificate replaced through the control API is what the next client sees.
            k.Listen(address, manager.HttpsPort, l => l.UseHttps(o => o.ServerCertificateSelector = (_, _) => manager.Certificate ?? certificate));
            k.Listen(address, manager.HttpPort);
        });
        var web = builder.Build();
        web.Run(new WsApiHandler(runtime, manager).HandleAsync);
        await web.StartAsync(ct);
        RecordPorts(web);
        app = web;
    }

    private void RecordPorts(WebApplication web)
    {
        var addresses = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        lock (runtime.World.Gate)
        {
            foreach (var uri in addresses.Select(a => new Uri(a)))
            {
                if (uri.Scheme == "https") manager.HttpsPort = uri.Port;
                else manager.HttpPort = uri.Port;
            }
        }
    }

    public async Task CloseAsync()
    {
        if (app is null) return;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(grace.Token);
        }
        finally
        {
            await app.DisposeAsync();
            app = null;
        }
    }
}
