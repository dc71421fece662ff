using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.TestSupport.Ordering;
using OvmSelfHost.Tests.Support;
using static OvmSelfHost.Tests.Migrations.DrillDriver;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// The fault section 4.7 is designed for, against the run itself: the server hosting the new manager VM fails
/// during a step or while a gate waits; HA restarts the VM elsewhere and the run goes on, repeating no step.
/// </summary>
[LongRunning(90)]
public sealed class HostingServerFailureTests
{
    private const string NewVmHost = "ovmm-b-vm";

    [Fact]
    public async Task HostingServerFailsDuringTheInstall_RunWaitsForHa_AndCompletesWithNoStepRepeatedAndOneInstallThatSucceeded()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => AtGate(r, "InstallManager", 1));
        var hosting = await HostingServerAsync(world, "ovmm-a", NewVmHost);
        // A long first install (30 s at the test's time scale), so that the failure surely lands while it runs.
        await world.PutAsync("/sim/settings", new { installerSeconds = 1500 });

        await ApproveOnceAsync(client, id);
        await InstallerRunningAsync(world);
        await world.PutAsync("/sim/settings", new { installerSeconds = 30 });
        await world.PostAsync($"/sim/servers/{hosting}/fail");
        // The failed server is repaired before phase 2, whose rediscovery needs every server of A.
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => world.PostAsync($"/sim/servers/{hosting}/recover"));

        await AssertNoStepRepeatedAsync(client, id, run);
        var install = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "InstallManager" && s.GetProperty("phase").GetInt32() == 1);
        Assert.Contains("HA: the new manager VM ovmm-b-vm", install.GetProperty("message").GetString());
        Assert.NotEqual(hosting, await HostingServerAsync(world, "ovmm-a-vm", NewVmHost));
        // The VM's reboot lost the interrupted install (nothing was installed), so the step ran the installer once more: one install succeeded.
        var installs = (await world.GetAsync($"/sim/hosts/{NewVmHost}/installer")).EnumerateArray().ToList();
        Assert.Equal(["failed", "succeeded"], installs.Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(137, installs[0].GetProperty("exitCode").GetInt32());
        Assert.Contains(installs[0].GetProperty("lines").EnumerateArray(), l => l.GetString()!.Contains($"went down with server {hosting}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostingServerFailsWhileAGateWaits_RunWaitsForHa_AndCompletesWithNoStepRepeated()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "StopOldManager" && r.GetProperty("phase").GetInt32() == 1);
        var hosting = await HostingServerAsync(world, "ovmm-a", "ovmm-b-vm");
        await world.PostAsync($"/sim/servers/{hosting}/fail");

        // The failed server is repaired before phase 2, whose rediscovery needs every server of A.
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => world.PostAsync($"/sim/servers/{hosting}/recover"));

        await AssertNoStepRepeatedAsync(client, id, run);
        Assert.NotEqual(hosting, await HostingServerAsync(world, "ovmm-a-vm", NewVmHost));
    }

    [Fact]
    public async Task HostingServerFailsDuringRediscovery_RunWaitsForHa_AndCompletes()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = new HostFactory(settings: Settings(world));
        var client = host.CreateClient();
        var id = await MigrationDriver.StartAsync(client);
        await ApproveUntilAsync(client, id, r => Gate(r) == "StopOldManager" && r.GetProperty("phase").GetInt32() == 1);
        var hosting = await HostingServerAsync(world, "ovmm-a", "ovmm-b-vm");
        var votes = ApproveOnceAsync(client, id);
        await client.WaitForAsync(id, r => r.GetProperty("currentStep").GetString() == "Rediscover" || r.GetProperty("state").GetString() != "AwaitingApproval", 60);
        await votes;
        await world.PostAsync($"/sim/servers/{hosting}/fail");

        // The failed server is repaired before phase 2, whose rediscovery needs every server of A.
        var run = await MigrationDriver.ApproveUntilEndAsync(client, id, onPhaseTwo: _ => world.PostAsync($"/sim/servers/{hosting}/recover"));

        await AssertNoStepRepeatedAsync(client, id, run);
    }

    private static async Task InstallerRunningAsync(SimulatorWorld world)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await world.GetAsync($"/sim/hosts/{NewVmHost}/installer")).EnumerateArray().Any(r => r.GetProperty("state").GetString() == "running"))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no installer started on {NewVmHost} within 30 s");
    }
}
