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

    /// <summary>
    /// The SSH host key the host presents now, against the pinned one (read-only: connects, compares, disconnects).
    /// Null when the adapter has no host key to compare (nothing to pin).
    /// </summary>
    Task<HostKeyReading?> ReadHostKeyAsync(CancellationToken cancellationToken) => Task.FromResult<HostKeyReading?>(null);
}
