using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

/// <summary>
/// Simulator:StatePath: the world survives the process. A manager VM created before the restart is there
/// after it, with the same id, and an installer that was running keeps its start time: it has finished
/// if its simulated time has passed, and still runs (then finishes) if not.
/// </summary>
public sealed class SavedWorldTests : IDisposable
{
    private readonly string statePath = Path.Combine(Path.GetTempPath(), $"ovm-sim-world-{Guid.NewGuid():N}.jsonl");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task InstallerRunningAtRestart_RestartAfterItsTime_FindsItFinishedAndTheVmAsItWas()
    {
        var (vmId, installId) = await CreateVmAndStartInstallerAsync();

        time.Advance(TimeSpan.FromMinutes(2));
        await using var after = await SimSession.StartSavedAsync(statePath, time);

        Assert.True(after.Sim.ResumedChanges > 0);
        using var b = after.Manager("ovmm-b");
        Assert.Equal("RUNNING", (await b.GetAsync($"Vm/{vmId}"))["vmRunState"]!.GetValue<string>());
        var run = await after.GetAsync($"sim/hosts/ovmm-a-vm/installer/{installId}");
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        Assert.Contains($"UUID={Procedure.UuidA}", (await after.Control.GetStringAsync($"sim/hosts/ovmm-a-vm/files?path={Procedure.ConfigPath}")));
        var effects = (await after.GetAsync("sim/stats"))["effects"]!;
        Assert.Equal(1, effects["installerRuns"]!["ovmm-a-vm"]!.GetValue<int>());
        Assert.Equal(1, effects["jobs"]!["ovmm-b: Clone VM OL7U9-ovmm-template to ovmm-a-vm"]!.GetValue<int>());
    }

    [Fact]
    public async Task InstallerRunningAtRestart_RestartBeforeItsTime_StillRunsThenFinishes()
    {
        var (_, installId) = await CreateVmAndStartInstallerAsync();

        await using var after = await SimSession.StartSavedAsync(statePath, time);

        Assert.Equal("running", (await after.GetAsync($"sim/hosts/ovmm-a-vm/installer/{installId}"))["state"]!.GetValue<string>());
        var run = await Procedure.WaitInstallAsync(after, "ovmm-a-vm", installId);
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task SavedWorld_FileDeleted_StartsFromTheScenarioAgain()
    {
        await CreateVmAndStartInstallerAsync();
        File.Delete(statePath);

        await using var after = await SimSession.StartSavedAsync(statePath, time);

        Assert.Equal(0, after.Sim.ResumedChanges);
        Assert.Empty((await after.GetAsync("sim/hosts/ovmm-a-vm/installer")).AsArray());
    }

    private async Task<(string VmId, string InstallId)> CreateVmAndStartInstallerAsync()
    {
        await using var before = await SimSession.StartSavedAsync(statePath, time);
        using var b = before.Manager("ovmm-b");
        var vmId = await Procedure.CreateManagerVmAsync(b, "ovmm-a-vm", "pool-b", "repo-b");
        var started = await before.PostAsync("sim/hosts/ovmm-a-vm/installer", new { args = new[] { $"--uuid={Procedure.UuidA}", "--assumeyes" } });
        return (vmId, started["installId"]!.GetValue<string>());
    }

    public void Dispose() => File.Delete(statePath);
}
