using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.Simulated;
using OvmSelfHost.Ovm.Ssh;
using OvmSelfHost.Ovm.Telemetry;
using OvmSelfHost.Ovm.WsApi.Http;
using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;
using Refit;

namespace OvmSelfHost.Ovm;

/// <summary>
/// Resolves the managers and hosts configured under <c>Ovm:Environments</c>. Adapters are created on first use and
/// kept; the WS-API clients come from IHttpClientFactory (one named client per manager).
/// </summary>
public sealed class OvmConnections(
    IOptions<OvmAdapterOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers) : IOvmConnections
{
    private readonly ConcurrentDictionary<(string, ManagerRole), IOvmManager> _managers = new();
    private readonly ConcurrentDictionary<(string, HostRole), IManagerHost> _hosts = new();

    public IOvmManager Manager(string environment, ManagerRole role) =>
        _managers.GetOrAdd((environment.ToUpperInvariant(), role), key => CreateManager(key.Item1, key.Item2));

    public IManagerHost Host(string environment, HostRole role) =>
        _hosts.GetOrAdd((environment.ToUpperInvariant(), role), key => CreateHost(key.Item1, key.Item2));

    private IOvmManager CreateManager(string environment, ManagerRole role)
    {
        var manager = (role == ManagerRole.Original ? Environment(environment).OriginalManager : Environment(environment).ReplacementManager)
            ?? throw new ArgumentException($"{Key(environment)}:{role}Manager is not configured.", nameof(role));
        var api = RestService.For<IOvmWsApi>(httpClients.CreateClient(WsApiClientName.For(environment, role)), WsApiJson.Settings());
        var address = manager.BaseUrl is { Length: > 0 } url ? url
            : manager.Simulated is { } simulated ? $"simulated {simulated.ManagerName}, address from {simulated.ControlUrl}"
            : "no BaseUrl configured";
        var endpoint = new ManagerEndpoint($"{environment}/{role} manager ({address})", manager.Username, $"{Key(environment)}:{role}Manager");
        return new WsApiOvmManager(api, endpoint, time, loggers.CreateLogger<WsApiOvmManager>(), secret => options.Value.Secrets.GetValueOrDefault(secret))
        {
            Certificates = new CertificateProbe(ct => AddressAsync(manager, ct), manager.RequestTimeout),
        };
    }

    /// <summary>Where the manager listens: its BaseUrl, or for a simulated one the address the simulator lists now.</summary>
    private async Task<Uri> AddressAsync(OvmManagerOptions manager, CancellationToken cancellationToken)
    {
        if (manager.BaseUrl is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        var simulated = manager.Simulated!;
        var client = httpClients.CreateClient(WsApiClientName.SimulatorControl);
        client.BaseAddress = new Uri(simulated.ControlUrl.TrimEnd('/'));
        var api = RestService.For<ISimulatorControlApi>(client, WsApiJson.Settings());
        var managers = await new WsApiFaults(new ManagerEndpoint($"simulator {simulated.ControlUrl}", "-", "Simulated"))
            .ContentAsync(() => api.GetManagers(cancellationToken), "list the simulated managers");
        var listed = managers.FirstOrDefault(m => string.Equals(m.Name, simulated.ManagerName, StringComparison.OrdinalIgnoreCase));
        return new Uri(listed?.HttpsBaseUrl ?? listed?.HttpBaseUrl
            ?? throw new OvmFaultException(OvmFaultKind.Unreachable, $"The simulator has no manager '{simulated.ManagerName}' yet (not installed)."));
    }

    public string HostAddress(string environment, HostRole role)
    {
        var host = Environment(environment).Hosts.GetValueOrDefault(role.ToString());
        return host?.Ssh is { } ssh ? (ssh.Port == 22 ? $"{ssh.Username}@{ssh.Address}" : $"{ssh.Username}@{ssh.Address} -p {ssh.Port}")
            : host?.Simulated is { } simulated ? simulated.HostName
            : $"{environment}'s {role} host";
    }

    private IManagerHost CreateHost(string environment, HostRole role)
    {
        var host = Environment(environment).Hosts.GetValueOrDefault(role.ToString())
            ?? throw new ArgumentException($"{Key(environment)}:Hosts:{role} is not configured.", nameof(role));
        if (host.Ssh is { } ssh)
        {
            return new InstrumentedManagerHost(new SshManagerHost(ssh, loggers.CreateLogger<SshManagerHost>()), environment, role, "ssh");
        }

        var simulated = host.Simulated ?? throw new ArgumentException($"{Key(environment)}:Hosts:{role} has neither Ssh nor Simulated settings.", nameof(role));
        var client = httpClients.CreateClient(WsApiClientName.SimulatorControl);
        client.BaseAddress = new Uri(simulated.ControlUrl.TrimEnd('/'));
        var simulatedHost = new SimulatorManagerHost(RestService.For<ISimulatorControlApi>(client, WsApiJson.Settings()), simulated.ControlUrl, simulated.HostName, time)
        {
            PinnedHostKey = simulated.HostKey,
        };
        return new InstrumentedManagerHost(simulatedHost, environment, role, "simulated-host");
    }

    /// <summary>Servers of a simulated environment are powered through the simulator's control API; real servers need their management interface, not built.</summary>
    public IServerPower? ServerPower(string environment)
    {
        var configured = Environment(environment);
        var controlUrl = configured.OriginalManager?.Simulated?.ControlUrl ?? configured.Hosts.Values.Select(h => h.Simulated?.ControlUrl).FirstOrDefault(u => u is not null);
        if (controlUrl is null)
        {
            return null;
        }

        var client = httpClients.CreateClient(WsApiClientName.SimulatorControl);
        client.BaseAddress = new Uri(controlUrl.TrimEnd('/'));
        return new SimulatedServerPower(RestService.For<ISimulatorControlApi>(client, WsApiJson.Settings()), controlUrl);
    }

    private OvmEnvironmentOptions Environment(string environment) =>
        options.Value.Environments.GetValueOrDefault(environment)
        ?? throw new ArgumentException($"Environment '{environment}' is not configured under {OvmAdapterOptions.SectionName}:Environments.", nameof(environment));

    private static string Key(string environment) => $"{OvmAdapterOptions.SectionName}:Environments:{environment}";
}
