using OvmSelfHost.Ovm.Ssh;
using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Simulated;

/// <summary>A manager host inside the embedded simulator, driven through its control API instead of SSH.</summary>
public sealed class SimulatorManagerHost : IManagerHost
{
    private readonly ISimulatorControlApi _api;
    private readonly string _host;
    private readonly TimeProvider _time;
    private readonly WsApiFaults _faults;

    internal SimulatorManagerHost(ISimulatorControlApi api, string controlUrl, string host, TimeProvider time)
    {
        _api = api;
        _host = host;
        _time = time;
        _faults = new WsApiFaults(new ManagerEndpoint($"simulated host {host} ({controlUrl})", "-", "Simulated"));
    }

    /// <summary>How often a running installer is read.</summary>
    public TimeSpan InstallerPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public async Task<ManagerConfigFile> ReadManagerConfigAsync(CancellationToken cancellationToken)
    {
        const string path = SshManagerHost.ConfigFile;
        try
        {
            var text = await _faults.ContentAsync(() => _api.GetFile(_host, path, cancellationToken), $"read {path}");
            return ManagerConfigParser.Parse(text, $"{path} on {_host}");
        }
        catch (OvmFaultException fault) when (fault.Kind is OvmFaultKind.NotFound)
        {
            throw new OvmFaultException(
                OvmFaultKind.BadResponse, $"{path} does not exist on {_host}; Oracle VM Manager is not installed there.", inner: fault);
        }
    }

    public async Task<InstallerResult> RunInstallerAsync(string managerUuid, IProgress<string> output, CancellationToken cancellationToken)
    {
        var uuid = ManagerUuidFormat.Validate(managerUuid);
        var request = new SimulatedInstallerRequest([$"--uuid={uuid}", "--installtype=Install", "--assumeyes"]);
        var run = await _faults.ContentAsync(() => _api.StartInstaller(_host, request, cancellationToken), "start the installer");
        var installId = run.InstallId ?? throw new OvmFaultException(OvmFaultKind.BadResponse, $"The simulator started an installer on {_host} without an installId.");
        var tail = new OutputTail();
        var reported = 0;
        while (true)
        {
            run = await _faults.ContentAsync(() => _api.GetInstallation(_host, installId, cancellationToken), "read the installer's progress");
            foreach (var line in (run.Lines ?? []).Skip(reported))
            {
                tail.Add(line);
                output.Report(line);
                reported++;
            }

            if (run.Finished)
            {
                return new InstallerResult(run.ExitCode ?? (run.State == "succeeded" ? 0 : 1), tail.Lines);
            }

            await Task.Delay(InstallerPollInterval, _time, cancellationToken);
        }
    }

    public async Task<bool> IsInstallerRunningAsync(CancellationToken cancellationToken)
    {
        var runs = await _faults.ContentAsync(() => _api.GetInstallations(_host, cancellationToken), "list the installer runs");
        return runs.Any(r => !r.Finished);
    }

    public async Task<ServiceState> GetServiceStateAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var state = await _faults.ContentAsync(() => _api.GetService(_host, ServiceName.Validate(service), cancellationToken), $"read service {service}");
            return state.State?.ToLowerInvariant() switch
            {
                "running" => ServiceState.Running,
                "stopped" => ServiceState.Stopped,
                _ => ServiceState.Unknown,
            };
        }
        catch (OvmFaultException fault) when (fault.Kind is OvmFaultKind.NotFound)
        {
            return ServiceState.Unknown;
        }
    }

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) => ChangeAsync(service, "stop", cancellationToken);

    public Task StartServiceAsync(string service, CancellationToken cancellationToken) => ChangeAsync(service, "start", cancellationToken);

    public async Task<GuestOsFacts> GetGuestOsFactsAsync(CancellationToken cancellationToken)
    {
        var view = await _faults.ContentAsync(() => _api.GetHost(_host, cancellationToken), "read the guest OS facts");
        var facts = view is { Reachable: true, Facts: { } f } ? f : throw new OvmFaultException(
            OvmFaultKind.Unreachable, $"Simulated host {_host} is not reachable (is its VM running?).");
        return new GuestOsFacts(
            facts.OsRelease ?? "",
            facts.Architecture ?? "",
            facts.MemoryMb,
            facts.Cpus,
            facts.SwapMb,
            facts.FreeMb ?? []);
    }

    /// <summary>The pinned host key; null: the first key read is pinned (see <see cref="Configuration.SimulatedHostOptions.HostKey"/>).</summary>
    public string? PinnedHostKey { get; init; }

    private string? _firstSeenHostKey;

    public async Task<HostKeyReading?> ReadHostKeyAsync(CancellationToken cancellationToken)
    {
        var view = await _faults.ContentAsync(() => _api.GetHost(_host, cancellationToken), "read the host key");
        if (!view.Reachable || view.HostKey is not { Length: > 0 } presented)
        {
            throw new OvmFaultException(OvmFaultKind.Unreachable, $"Simulated host {_host} is not reachable (is its VM running?).");
        }

        var pinned = PinnedHostKey is { Length: > 0 } configured ? configured : Interlocked.CompareExchange(ref _firstSeenHostKey, presented, null) ?? presented;
        return new HostKeyReading(presented, pinned, string.Equals(presented, pinned, StringComparison.Ordinal));
    }

    private async Task ChangeAsync(string service, string action, CancellationToken cancellationToken)
    {
        var name = ServiceName.Validate(service);
        try
        {
            await _faults.ContentAsync(() => _api.ChangeService(_host, name, action, cancellationToken), $"{action} service {service}");
        }
        catch (OvmFaultException fault) when (fault.Kind is not OvmFaultKind.Unreachable)
        {
            throw new OvmFaultException(OvmFaultKind.OperationFailed, $"'service {service} {action}' on {_host} failed: {fault.Message}", fault.Code, inner: fault);
        }
    }
}
