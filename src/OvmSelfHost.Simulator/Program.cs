using Microsoft.Extensions.Hosting;
using OvmSelfHost.Simulator.DependencyInjection;

namespace OvmSelfHost.Simulator;

/// <summary>
/// <c>dotnet run --project src/OvmSelfHost.Simulator</c>: the default scenario on the default ports; add
/// <c>--Simulator:StatePath=data/sim.jsonl</c> to keep its world across restarts.
/// Namespaced and internal so that it never clashes with the host's own <c>Program</c>.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        // Its own folder as content root: the repository's appsettings.json configures the host's embedded
        // simulator (and its saved world), which a standalone simulator must not pick up from the working directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddOvmSimulator();
        await builder.Build().RunAsync();
    }
}
