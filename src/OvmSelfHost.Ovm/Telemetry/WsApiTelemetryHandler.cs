using System.Diagnostics;
using Refit;

namespace OvmSelfHost.Ovm.Telemetry;

/// <summary>
/// The outermost handler of a manager's WS-API client: one span and one count per call as the adapter made it
/// (retries happen inside it), named by the Refit method (GetManagers, GetJob, …), never by a URL with ids.
/// </summary>
internal sealed class WsApiTelemetryHandler(string environment, string role) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = Method(request);
        var tags = new TagList { { "ovm.environment", environment }, { "ovm.manager.role", role }, { "ovm.wsapi.method", method } };
        using var activity = OvmTelemetry.Source.StartActivity($"wsapi {method}", ActivityKind.Client);
        activity?.SetTag("ovm.environment", environment);
        activity?.SetTag("ovm.manager.role", role);
        activity?.SetTag("ovm.wsapi.method", method);
        activity?.SetTag("http.request.method", request.Method.Method);
        OvmTelemetry.WsApiCalls.Add(1, tags);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                tags.Add("error.type", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                OvmTelemetry.WsApiErrors.Add(1, tags);
                activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)response.StatusCode}");
            }

            return response;
        }
        catch (Exception ex)
        {
            tags.Add("error.type", ex.GetType().Name);
            OvmTelemetry.WsApiErrors.Add(1, tags);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private static string Method(HttpRequestMessage request) =>
        request.Options.TryGetValue(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.MethodName), out var name) && name is { Length: > 0 }
            ? name
            : request.Method.Method;
}
