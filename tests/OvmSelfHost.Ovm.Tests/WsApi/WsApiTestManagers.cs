using Microsoft.Extensions.Logging.Abstractions;
using OvmSelfHost.Ovm.WsApi;
using Refit;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>Builds a <see cref="WsApiOvmManager"/> straight over a stub transport (no resilience pipeline).</summary>
internal static class WsApiTestManagers
{
    public static WsApiOvmManager Over(
        HttpMessageHandler transport, TimeProvider? time = null, Func<string, string?>? secrets = null, string baseUrl = "https://ovmm-test:7002/ovm/core/wsapi/rest")
    {
        var http = new HttpClient(transport) { BaseAddress = new Uri(baseUrl) };
        var api = RestService.For<IOvmWsApi>(http, WsApiJson.Settings());
        var endpoint = new ManagerEndpoint("A/Original manager (https://ovmm-test:7002)", "admin", "Ovm:Environments:A:OriginalManager");
        return new WsApiOvmManager(api, endpoint, time ?? TimeProvider.System, NullLogger.Instance, secrets ?? (_ => "agent-secret"));
    }
}
