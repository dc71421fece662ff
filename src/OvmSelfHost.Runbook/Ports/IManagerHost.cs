namespace OvmSelfHost.Runbook.Ports;

/// <summary>
/// A machine that runs (or will run) Oracle VM Manager, or its separate database: reached over
/// SSH in production, through the simulator's control API on the embedded defaults.
/// </summary>
public interface IManagerHost
{
    /// <summary>Reads <c>/u01/app/oracle/ovm-manager-3/.config</c>.</summary>
    Task<ManagerConfigFile> ReadManagerConfigAsync(CancellationToken cancellationToken);

    /// <summary>Runs the installer with <c>--uuid</c>; each output line is reported as it comes.</summary>
    Task<InstallerResult> RunInstallerAsync(string managerUuid, IProgress<string> output, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <c>runInstaller.sh</c> runs on the host now. An installer keeps running while the bot is
    /// down, so after a restart the install step waits for it instead of starting a second one.
    /// </summary>
    Task<bool> IsInstallerRunningAsync(CancellationToken cancellationToken);

    Task<ServiceState> GetServiceStateAsync(string service, CancellationToken cancellationToken);

    Task StopServiceAsync(string service, CancellationToken cancellationToken);

    Task StartServiceAsync(string service, CancellationToken cancellationToken);

    Task<GuestOsFacts> GetGuestOsFactsAsync(CancellationToken cancellationToken);
}
