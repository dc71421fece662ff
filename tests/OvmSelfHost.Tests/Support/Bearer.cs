using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace OvmSelfHost.Tests.Support;

/// <summary>Requests as a script sends them: JSON with a bearer token, no cookies, no browser headers.</summary>
internal static class Bearer
{
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
