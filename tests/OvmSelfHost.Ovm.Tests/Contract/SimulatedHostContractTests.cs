using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Ovm.Tests.Ssh;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Contract;

/// <summary>The simulated manager hosts through the control API, and a phase-1 slice end to end.</summary>
public sealed class SimulatedHostContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task OriginalManagerHost_ConfigFactsAndServices()
    {
        var host = sim.Connections.Host("A", HostRole.OriginalManager);

        Assert.IsType<SimulatorManagerHost>(Assert.IsType<Telemetry.InstrumentedManagerHost>(host).Inner);
        Assert.Equal(sim.Simulator.Manager("ovmm-a").Uuid, (await host.ReadManagerConfigAsync(CancellationToken.None)).Uuid);
        var facts = await host.GetGuestOsFactsAsync(CancellationToken.None);
        Assert.StartsWith("Oracle Linux", facts.Release);
        Assert.True(facts.MemoryMegabytes >= 8192);
        Assert.Equal(["/tmp", "/u01", "/usr", "/var"], facts.FreeMegabytes.Keys.Order());
        Assert.Equal(ServiceState.Running, await host.GetServiceStateAsync("ovmm", CancellationToken.None));
        Assert.Equal(ServiceState.Unknown, await host.GetServiceStateAsync("nosuchservice", CancellationToken.None));
    }

    [Fact]
    public async Task ReplacementVmNotCreatedYet_IsUnreachable()
    {
        var fault = await Assert.ThrowsAsync<OvmFaultException>(
            () => sim.Connections.Host("A", HostRole.ReplacementVm).GetGuestOsFactsAsync(CancellationToken.None));

        Assert.Equal(OvmFaultKind.Unreachable, fault.Kind);
    }

    [Fact]
    public async Task PhaseOneSlice_CreateVm_Install_Cutover_NewManagerRunsWithTheSameUuid()
    {
        var vmHost = sim.Connections.Host("B", HostRole.ReplacementVm);
        var oldHost = sim.Connections.Host("B", HostRole.OriginalManager);
        await CreateAndStartManagerVmAsync("ovmm-b-vm");

        var missing = await Assert.ThrowsAsync<OvmFaultException>(() => vmHost.ReadManagerConfigAsync(CancellationToken.None));
        Assert.Equal(OvmFaultKind.BadResponse, missing.Kind);
        var uuid = (await oldHost.ReadManagerConfigAsync(CancellationToken.None)).Uuid!;

        await oldHost.StopServiceAsync("ovmm", CancellationToken.None);
        Assert.Equal(ServiceState.Stopped, await oldHost.GetServiceStateAsync("ovmm", CancellationToken.None));
        var lines = new List<string>();
        var installed = await vmHost.RunInstallerAsync(uuid, new SynchronousProgress(lines.Add), CancellationToken.None);

        Assert.True(installed.Succeeded, string.Join('\n', installed.LastLines));
        Assert.NotEmpty(lines);
        Assert.Equal(uuid, (await vmHost.ReadManagerConfigAsync(CancellationToken.None)).Uuid);
        var status = await sim.Connections.Manager("B", ManagerRole.Replacement).WaitUntilRunningAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(status.IsRunning);
        Assert.Equal(uuid, status.ManagerUuid);

        var again = await vmHost.RunInstallerAsync(uuid, new SynchronousProgress(_ => { }), CancellationToken.None);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains(again.LastLines, l => l.Contains("already installed"));

        await oldHost.StartServiceAsync("ovmm", CancellationToken.None);
        Assert.True((await sim.ManagerB.WaitUntilRunningAsync(TimeSpan.FromSeconds(60), CancellationToken.None)).IsRunning);
    }

    private async Task CreateAndStartManagerVmAsync(string name)
    {
        var inventory = await sim.ManagerA.GetInventoryAsync(CancellationToken.None);
        var pool = inventory.Pool("pool-a");
        var repository = inventory.Repository("repo-a");
        var create = new CreateManagerVm(name, pool, repository, "OL7U9-ovmm-template", 8192, 2, 50, true, inventory.Networks[0].Id);
        Assert.Equal(OvmJobState.Succeeded, (await WsApiContractTests.RunAsync(sim.ManagerA, create)).State);
        var vm = (await sim.ManagerA.GetInventoryAsync(CancellationToken.None)).Vm(name);
        Assert.Equal(OvmJobState.Succeeded, (await WsApiContractTests.RunAsync(sim.ManagerA, new AttachIso(vm, repository, "OracleVM-Manager-3.4.6-installer.iso"))).State);
        Assert.Equal(OvmJobState.Succeeded, (await WsApiContractTests.RunAsync(sim.ManagerA, new StartVm(vm))).State);
    }
}
