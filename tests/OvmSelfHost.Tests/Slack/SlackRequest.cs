using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OvmSelfHost.Tests.Slack;

/// <summary>Requests signed the way Slack signs them (v0, HMAC-SHA256 over the raw body), with the time each answer took.</summary>
public static class SlackRequest
{
    public const string SigningSecret = "test-signing-secret-8f14e45fceea167a";

    public static string Sign(string timestamp, string body, string secret = SigningSecret) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

    public static async Task<(HttpResponseMessage Response, TimeSpan Took)> PostAsync(
        HttpClient client, string path, string body, string contentType,
        string? timestamp = null, string? signature = null, IDictionary<string, string>? headers = null)
    {
        timestamp ??= Now();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature ?? Sign(timestamp, body));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, clock.Elapsed);
    }
}
