using System.Text.Json.Nodes;
using OvmSelfHost.EndToEnd.Support;
using OvmSelfHost.TestSupport.Ordering;
using Xunit.Abstractions;

namespace OvmSelfHost.EndToEnd.Crashes;

/// <summary>
/// What a newcomer can try on the embedded default: kill the host (simulator inside) while the installer runs,
/// start it again, and watch the migration finish. The embedded simulator's world is saved next to the database
/// (Simulator:StatePath), so the VM, its install and the stopped managers are there after the restart.
/// </summary>
[LongRunning(80)]
public sealed class Killing_the_embedded_host(ITestOutputHelper output)
{
    [Fact]
    public async Task HostKilledDuringInstall_StartedAgain_MigrationFinishesWithOneInstallerRunPerVm()
    {
        await using var host = new HostProcess();
        await host.StartAsync();
        using var stats = new HttpClient { BaseAddress = host.EmbeddedSimulatorControl, Timeout = TimeSpan.FromSeconds(5) };
        var plan = new HashSet<string> { "P1 inside installer", "P2 inside installer" };
        var drill = new MigrationDrill(host, async () => JsonNode.Parse(await stats.GetStringAsync(new Uri("sim/stats", UriKind.Relative)))!, plan, TimeSpan.FromMinutes(5));

        var run = await drill.RunAsync(CancellationToken.None);

        var effects = JsonNode.Parse(await stats.GetStringAsync(new Uri("sim/stats", UriKind.Relative)))!["effects"]!;
        output.WriteLine($"Embedded default: killed [{string.Join(", ", drill.Hits)}], {run["state"]}; installer runs {effects["installerRuns"]!.ToJsonString()}");
        Assert.Equal("Completed", run["state"]!.GetValue<string>());
        Assert.Equal(2, drill.Hits.Count);
        Assert.Equal(1, effects["installerRuns"]!["ovmm-b-vm"]!.GetValue<int>());
        Assert.Equal(1, effects["installerRuns"]!["ovmm-a-vm"]!.GetValue<int>());
        Assert.All(effects["serviceActions"]!.AsObject(), a => Assert.Equal(1, a.Value!.GetValue<int>()));
    }
}
