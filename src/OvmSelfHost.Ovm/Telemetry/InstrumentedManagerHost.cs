using System.Diagnostics;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Telemetry;

/// <summary>A span and a count around every command on a manager host, whatever carries it (SSH or the simulator).</summary>
internal sealed class InstrumentedManagerHost(IManagerHost inner, string environment, HostRole role, string transport) : IManagerHost
{
    public IManagerHost Inner => inner;

    public Task<ManagerConfigFile> ReadManagerConfigAsync(CancellationToken cancellationToken) =>
        TraceAsync("read .config", () => inner.ReadManagerConfigAsync(cancellationToken));

    public Task<InstallerResult> RunInstallerAsync(string managerUuid, IProgress<string> output, CancellationToken cancellationToken) =>
        TraceAsync("run installer", () => inner.RunInstallerAsync(managerUuid, output, cancellationToken));

    public Task<bool> IsInstallerRunningAsync(CancellationToken cancellationToken) =>
        TraceAsync("installer running?", () => inner.IsInstallerRunningAsync(cancellationToken));

    public Task<ServiceState> GetServiceStateAsync(string service, CancellationToken cancellationToken) =>
        TraceAsync($"service {service} status", () => inner.GetServiceStateAsync(service, cancellationToken));

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) =>
        TraceAsync($"service {service} stop", async () => { await inner.StopServiceAsync(service, cancellationToken); return true; });

    public Task StartServiceAsync(string service, CancellationToken cancellationToken) =>
        TraceAsync($"service {service} start", async () => { await inner.StartServiceAsync(service, cancellationToken); return true; });

    public Task<GuestOsFacts> GetGuestOsFactsAsync(CancellationToken cancellationToken) =>
        TraceAsync("guest OS facts", () => inner.GetGuestOsFactsAsync(cancellationToken));

    public Task<HostKeyReading?> ReadHostKeyAsync(CancellationToken cancellationToken) =>
        TraceAsync("host key", () => inner.ReadHostKeyAsync(cancellationToken));

    private async Task<T> TraceAsync<T>(string command, Func<Task<T>> call)
    {
        using var activity = OvmTelemetry.Source.StartActivity($"{transport} {command}", ActivityKind.Client);
        activity?.SetTag("ovm.environment", environment);
        activity?.SetTag("ovm.host.role", role.ToString());
        activity?.SetTag("ovm.host.command", command);
        OvmTelemetry.HostCommands.Add(1, new TagList { { "ovm.host.transport", transport }, { "ovm.host.command", command } });
        try
        {
            return await call();
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex is OvmFaultException fault ? fault.Kind.ToString() : ex.GetType().Name);
            throw;
        }
    }
}
