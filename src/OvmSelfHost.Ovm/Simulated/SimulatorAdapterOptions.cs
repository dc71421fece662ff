using System.Net.Http.Json;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.WsApi;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Simulated;

/// <summary>
/// Builds the <c>Ovm</c> options that point every manager and host of environments A and B at a running embedded
/// simulator: managers <c>ovmm-a</c>/<c>ovmm-b</c> (original) and <c>ovmm-a-vm</c>/<c>ovmm-b-vm</c> (replacement),
/// hosts of the same names, credentials as the simulator documents them.
/// </summary>
public static class SimulatorAdapterOptions
{
    public const string Username = "admin";
    public const string Password = "Welcome1";
    public const string AgentPasswordSecret = "OVS_AGENT_PASSWORD";

    private static readonly (string Environment, string Name, int DefaultHttpsPort)[] Layout =
    [
        ("A", "ovmm-a", 7002), ("A", "ovmm-a-vm", 7032),
        ("B", "ovmm-b", 7012), ("B", "ovmm-b-vm", 7022),
    ];

    /// <summary>Reads <c>GET /sim/managers</c> from the control API and builds the options.</summary>
    public static async Task<OvmAdapterOptions> FromSimulatorAsync(Uri controlUrl, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controlUrl);
        var client = http ?? new HttpClient();
        try
        {
            var managers = await client.GetFromJsonAsync<List<SimulatedManager>>(new Uri(controlUrl, "/sim/managers"), WsApiJson.Options, cancellationToken);
            return FromSimulator(controlUrl, managers ?? []);
        }
        finally
        {
            if (http is null)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Builds the options from the simulator's manager list. A replacement manager not listed yet (not installed)
    /// gets the simulator's default address (127.0.0.1:7032 for ovmm-a-vm, :7022 for ovmm-b-vm, plus <paramref name="portOffset"/>),
    /// or, with <paramref name="resolveLater"/> (a simulator on dynamic ports), is looked up in <c>/sim/managers</c> at call time.
    /// </summary>
    public static OvmAdapterOptions FromSimulator(Uri controlUrl, IReadOnlyList<SimulatedManager> managers, int portOffset = 0, bool resolveLater = true)
    {
        var options = new OvmAdapterOptions { Secrets = { [AgentPasswordSecret] = Password } };
        foreach (var (environment, name, port) in Layout)
        {
            var settings = options.Environments.TryGetValue(environment, out var existing) ? existing : options.Environments[environment] = new();
            var listed = managers.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            var manager = new OvmManagerOptions
            {
                BaseUrl = listed?.HttpsBaseUrl ?? listed?.HttpBaseUrl ?? (resolveLater ? "" : $"https://127.0.0.1:{port + portOffset}/ovm/core/wsapi/rest"),
                Simulated = new SimulatedManagerOptions { ControlUrl = controlUrl.ToString(), ManagerName = name },
                Username = listed?.User ?? Username,
                Password = listed?.Password ?? Password,
                TrustSimulatorCertificate = true,
            };
            var replacement = name.EndsWith("-vm", StringComparison.Ordinal);
            if (replacement)
            {
                settings.ReplacementManager = manager;
            }
            else
            {
                settings.OriginalManager = manager;
            }

            var role = replacement ? HostRole.ReplacementVm : HostRole.OriginalManager;
            settings.Hosts[role.ToString()] = new ManagerHostOptions
            {
                Simulated = new SimulatedHostOptions { ControlUrl = controlUrl.ToString(), HostName = name },
            };
        }

        return options;
    }
}
