using System.Net.Http.Headers;
using System.Text;

namespace OvmSelfHost.Ovm.WsApi.Http;

/// <summary>
/// Sends HTTP Basic credentials on every WS-API call (as every known client does) and, once the manager has set a
/// session cookie, sends that cookie back too. Credentials are never logged.
/// </summary>
internal sealed class OvmSessionHandler(string username, string password) : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _basic = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    private string? _sessionCookie;

    internal string? SessionCookie => Volatile.Read(ref _sessionCookie);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _basic;
        request.Headers.Remove("Cookie");
        if (SessionCookie is { } cookie)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            var pairs = values.Select(v => v.Split(';', 2)[0].Trim()).Where(v => v.Contains('=', StringComparison.Ordinal)).ToList();
            var session = pairs.FirstOrDefault(p => p.StartsWith("JSESSIONID=", StringComparison.OrdinalIgnoreCase)) ?? pairs.FirstOrDefault();
            if (session is not null)
            {
                Volatile.Write(ref _sessionCookie, session);
            }
        }

        return response;
    }
}
