using System.Net;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class InstallerTests
{
    [Fact]
    public async Task PlannedVmHost_BeforeItsVmRuns_IsUnreachableAndInstallerExits255()
    {
        await using var s = await SimSession.StartAsync();
        Assert.False((await s.GetAsync("sim/hosts/ovmm-b-vm"))["reachable"]!.GetValue<bool>());
        var run = await Procedure.InstallAsync(s, "ovmm-b-vm", $"--uuid={Procedure.UuidB}");
        Assert.Equal("failed", run["state"]!.GetValue<string>());
        Assert.Equal(255, run["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task HostWithAManager_Installer_ExitsNonZeroAsAlreadyInstalled()
    {
        await using var s = await SimSession.StartAsync();
        var run = await Procedure.InstallAsync(s, "ovmm-a", $"--uuid={Procedure.UuidB}", "--installtype=Install", "--assumeyes");
        Assert.Equal(1, run["exitCode"]!.GetValue<int>());
        Assert.Contains("already installed", run["lines"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task VmWithoutInstallerIso_Installer_ExitsNonZero()
    {
        await using var s = await SimSession.StartAsync();
        using var b = s.Manager("ovmm-b");
        await Procedure.CreateManagerVmAsync(b, "ovmm-a-vm", "pool-b", "repo-b", mountIso: false);
        var run = await Procedure.InstallAsync(s, "ovmm-a-vm", $"--uuid={Procedure.UuidA}");
        Assert.Equal(127, run["exitCode"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Control.GetAsync($"sim/hosts/ovmm-a-vm/files?path={Procedure.ConfigPath}")).StatusCode);
    }

    [Fact]
    public async Task ManagerVm_Installer_ValidatesUuid_StreamsProgress_AndBringsUpAnEmptyManager()
    {
        await using var s = await SimSession.StartAsync();
        using var b = s.Manager("ovmm-b");
        await Procedure.CreateManagerVmAsync(b, "ovmm-a-vm", "pool-b", "repo-b");
        var host = await s.GetAsync("sim/hosts/ovmm-a-vm");
        Assert.True(host["reachable"]!.GetValue<bool>());
        Assert.Equal(8192, host["facts"]!["memoryMb"]!.GetValue<long>());
        Assert.Equal(2, host["facts"]!["cpus"]!.GetValue<long>());
        Assert.Equal("B", host["environment"]!.GetValue<string>());

        var bad = await Procedure.InstallAsync(s, "ovmm-a-vm", "--uuid=0004fb00-not-hex", "--assumeyes");
        Assert.Equal(1, bad["exitCode"]!.GetValue<int>());
        Assert.Contains("Invalid UUID", bad["lines"]![0]!.GetValue<string>());

        var started = await s.PostAsync("sim/hosts/ovmm-a-vm/installer", new { args = new[] { $"--uuid={Procedure.UuidA}", "--installtype=Install", "--assumeyes" } });
        var id = started["installId"]!.GetValue<string>();
        await s.AdvanceAsync(TimeSpan.FromSeconds(10));
        var midway = await s.GetAsync($"sim/hosts/ovmm-a-vm/installer/{id}");
        Assert.Equal("running", midway["state"]!.GetValue<string>());
        Assert.Null(midway["exitCode"]);
        var concurrent = await Procedure.InstallAsync(s, "ovmm-a-vm", "--assumeyes");
        Assert.Equal(1, concurrent["exitCode"]!.GetValue<int>());
        var finished = await Procedure.WaitInstallAsync(s, "ovmm-a-vm", id);
        Assert.Equal("succeeded", finished["state"]!.GetValue<string>());
        Assert.Equal(0, finished["exitCode"]!.GetValue<int>());
        Assert.True(finished["lines"]!.AsArray().Count > midway["lines"]!.AsArray().Count);

        var config = await s.Control.GetStringAsync($"sim/hosts/ovmm-a-vm/files?path={Procedure.ConfigPath}");
        Assert.Contains($"UUID={Procedure.UuidA}\n", config);
        var manager = s.Sim.Manager("ovmm-a-vm");
        Assert.Equal(Procedure.UuidA, manager.Uuid);
        using var newA = s.Manager("ovmm-a-vm");
        Assert.Equal("STARTING", (await newA.GetAsync("Manager"))[0]!["managerRunState"]!.GetValue<string>());
        await Procedure.WaitRunningAsync(s, newA);
        Assert.Empty((await newA.GetAsync("Server")).AsArray());
        Assert.Empty((await newA.GetAsync("Vm")).AsArray());
        var again = await Procedure.InstallAsync(s, "ovmm-a-vm", $"--uuid={Procedure.UuidA}");
        Assert.Contains("already installed", again["lines"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task UndersizedVm_Installer_FailsPrerequisites_UnlessNoPrereq()
    {
        await using var s = await SimSession.StartAsync();
        using var b = s.Manager("ovmm-b");
        var vmId = await Procedure.CreateManagerVmAsync(b, "ovmm-a-vm", "pool-b", "repo-b");
        await b.RunAsync(HttpMethod.Put, $"Vm/{vmId}/stop");
        var vm = (await b.GetAsync($"Vm/{vmId}")).AsObject();
        vm["memory"] = 4096;
        await b.RunAsync(HttpMethod.Put, $"Vm/{vmId}", vm);
        await b.RunAsync(HttpMethod.Put, $"Vm/{vmId}/start");
        Assert.Equal(4096, (await s.GetAsync("sim/hosts/ovmm-a-vm"))["facts"]!["memoryMb"]!.GetValue<long>());

        var refused = await Procedure.InstallAsync(s, "ovmm-a-vm", $"--uuid={Procedure.UuidA}");
        Assert.Equal(1, refused["exitCode"]!.GetValue<int>());
        Assert.Contains("7680 MB", refused["lines"]![0]!.GetValue<string>());
        var forced = await Procedure.InstallAsync(s, "ovmm-a-vm", $"--uuid={Procedure.UuidA}", "--noprereq");
        Assert.Equal(0, forced["exitCode"]!.GetValue<int>());
    }
}
