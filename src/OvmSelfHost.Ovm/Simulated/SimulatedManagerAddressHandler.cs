using System.Net.Http.Json;
using OvmSelfHost.Ovm.Configuration;
using OvmSelfHost.Ovm.WsApi;

namespace OvmSelfHost.Ovm.Simulated;

/// <summary>
/// Sends WS-API calls of a simulated manager to the address the simulator reports in <c>GET /sim/managers</c>
/// (a manager installed later, on a dynamic port). Until it is listed, calls fail as unreachable.
/// </summary>
internal sealed class SimulatedManagerAddressHandler(SimulatedManagerOptions simulated) : DelegatingHandler
{
    public static readonly Uri Placeholder = new("https://simulated-manager.invalid/ovm/core/wsapi/rest");

    private Uri? _resolved;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = _resolved ??= await ResolveAsync(cancellationToken);
        var builder = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port };
        request.RequestUri = builder.Uri;
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<Uri> ResolveAsync(CancellationToken cancellationToken)
    {
        using var control = new HttpClient { BaseAddress = new Uri(simulated.ControlUrl) };
        var managers = await control.GetFromJsonAsync<List<SimulatedManager>>("/sim/managers", WsApiJson.Options, cancellationToken) ?? [];
        var manager = managers.FirstOrDefault(m => string.Equals(m.Name, simulated.ManagerName, StringComparison.OrdinalIgnoreCase));
        var url = manager?.HttpsBaseUrl ?? manager?.HttpBaseUrl;
        return url is not null
            ? new Uri(url)
            : throw new HttpRequestException($"the simulator has no manager '{simulated.ManagerName}' yet (not installed)");
    }
}
