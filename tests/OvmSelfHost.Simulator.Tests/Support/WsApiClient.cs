using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Simulator.Tests.Support;

/// <summary>A minimal WS-API client, as the public clients do it: Basic auth on every call, JSON, certificate not verified.</summary>
internal sealed class WsApiClient : IDisposable
{
    private readonly SimSession session;

    public WsApiClient(Uri baseUrl, SimSession session, string password = "Welcome1", bool basic = true, TimeSpan? timeout = null)
    {
        this.session = session;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        Http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (basic)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        }
    }

    public HttpClient Http { get; }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {status} {body}");
        return body!;
    }

    /// <summary>Sends a modifying call and returns the Job (asserting 201).</summary>
    public async Task<JsonObject> JobAsync(HttpMethod method, string path, object? body = null)
    {
        var json = body switch { null => null, string s => $"\"{s}\"", JsonNode n => n.ToJsonString(), _ => System.Text.Json.JsonSerializer.Serialize(body) };
        var (status, reply) = await SendAsync(method, path, json);
        Assert.True(status == HttpStatusCode.Created, $"{method} {path}: {status} {reply}");
        return reply!.AsObject();
    }

    /// <summary>Advances the fake clock until the job is summaryDone; returns the final job.</summary>
    public async Task<JsonObject> WaitAsync(JsonObject job)
    {
        var id = job["id"]!["value"]!.GetValue<string>();
        for (var i = 0; i < 200; i++)
        {
            var current = (await GetAsync($"Job/{id}")).AsObject();
            if (current["summaryDone"]!.GetValue<bool>()) return current;
            await session.AdvanceAsync(TimeSpan.FromSeconds(1));
        }
        throw new Xunit.Sdk.XunitException($"Job {id} never finished");
    }

    public async Task<JsonObject> RunAsync(HttpMethod method, string path, object? body = null)
    {
        var job = await WaitAsync(await JobAsync(method, path, body));
        Assert.True(job["jobRunState"]!.GetValue<string>() == "SUCCESS", $"{method} {path} failed: {job["error"]}");
        return job;
    }

    public async Task<JsonObject> ByNameAsync(string type, string name)
    {
        var all = (await GetAsync(type)).AsArray();
        return all.Single(o => o!["name"]!.GetValue<string>() == name)!.AsObject();
    }

    public async Task<IReadOnlyList<string>> NamesAsync(string type) =>
        (await GetAsync(type)).AsArray().Select(o => o!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    public static string Id(JsonNode o) => o["id"]!["value"]!.GetValue<string>();

    public static JsonObject SimpleId(JsonNode o) => new() { ["type"] = o["id"]!["type"]!.GetValue<string>(), ["value"] = Id(o) };

    public void Dispose() => Http.Dispose();
}
