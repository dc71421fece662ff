using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>The IHttpClientFactory name of one manager's WS-API client.</summary>
internal static class WsApiClientName
{
    public const string SimulatorControl = "ovm-simulator-control";

    public static string For(string environment, ManagerRole role) => $"ovm-wsapi:{environment.ToUpperInvariant()}:{role}";
}
