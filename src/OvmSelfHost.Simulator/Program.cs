using Microsoft.Extensions.Hosting;
using OvmSelfHost.Simulator.DependencyInjection;

namespace OvmSelfHost.Simulator;

/// <summary>
/// <c>dotnet run --project src/OvmSelfHost.Simulator</c>: the default scenario on the default ports.
/// Namespaced and internal so that it never clashes with the host's own <c>Program</c>.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddOvmSimulator();
        await builder.Build().RunAsync();
    }
}
