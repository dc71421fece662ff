using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.TestSupport.Fakes;

internal sealed class FakeHost(FakeOvm world, FakeEnvironment env, HostRole role) : IManagerHost
{
    public Task<ManagerConfigFile> ReadManagerConfigAsync(CancellationToken cancellationToken)
    {
        var uuid = role == HostRole.OriginalManager ? env.ConfigUuid : env.ReplacementUuid;
        if (uuid is null)
        {
            throw new OvmFaultException(OvmFaultKind.BadResponse, "/u01/app/oracle/ovm-manager-3/.config does not exist");
        }

        return Task.FromResult(new ManagerConfigFile(new Dictionary<string, string> { ["UUID"] = uuid, ["DBTYPE"] = "MySQL" }));
    }

    public Task<InstallerResult> RunInstallerAsync(string managerUuid, IProgress<string> output, CancellationToken cancellationToken)
    {
        world.Calls.Add($"{env.Name}/{role}: runInstaller --uuid={managerUuid}");
        output.Report("Installing Oracle VM Manager 3.4.6");
        if (world.InstallerExitCode != 0)
        {
            output.Report("ERROR: prerequisite check failed");
            return Task.FromResult(new InstallerResult(world.InstallerExitCode, ["ERROR: prerequisite check failed"]));
        }

        env.ReplacementUuid = world.InstallerUuidOverride ?? managerUuid;
        env.ReplacementRunning = true;
        output.Report("Installation complete");
        return Task.FromResult(new InstallerResult(0, ["Installation complete"]));
    }

    public Task<bool> IsInstallerRunningAsync(CancellationToken cancellationToken)
    {
        if (role != HostRole.ReplacementVm || env.InstallerRunningLooks <= 0)
        {
            return Task.FromResult(false);
        }

        if (--env.InstallerRunningLooks == 0)
        {
            env.ReplacementUuid = env.RunningInstallerUuid;
            env.ReplacementRunning = true;
        }

        return Task.FromResult(true);
    }

    public Task<ServiceState> GetServiceStateAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(role switch
        {
            HostRole.OriginalManager => env.OriginalRunning ? ServiceState.Running : ServiceState.Stopped,
            HostRole.ReplacementVm => env.ReplacementRunning ? ServiceState.Running : ServiceState.Stopped,
            _ => ServiceState.Running,
        });

    public Task StopServiceAsync(string service, CancellationToken cancellationToken)
    {
        world.Calls.Add($"{env.Name}/{role}: service {service} stop");
        SetRunning(false);
        return Task.CompletedTask;
    }

    public Task StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        world.Calls.Add($"{env.Name}/{role}: service {service} start");
        SetRunning(true);
        return Task.CompletedTask;
    }

    public Task<GuestOsFacts> GetGuestOsFactsAsync(CancellationToken cancellationToken) => Task.FromResult(world.GuestFacts);

    private void SetRunning(bool running)
    {
        if (role == HostRole.OriginalManager)
        {
            env.OriginalRunning = running;
        }
        else
        {
            env.ReplacementRunning = running;
        }
    }
}
