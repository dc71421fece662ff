using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OvmSelfHost.TestIdentityProvider.Slack;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// A local Slack over real HTTP: the Web API methods the bot uses (chat.postMessage, chat.update,
/// chat.postEphemeral, users.info, apps.connections.open) under /api/, Socket Mode (<see cref="FakeSlackSocket"/>), and response URLs under /responses/{id}. It checks
/// the bearer token, keeps every message as edited, records every call, and can answer slowly,
/// with 429s, or be down for a while (<see cref="BeginOutageAsync"/>: 503s, 429s, or nothing listening).
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string Token = "fake-bot-token-for-tests";
    public const string ChannelId = "C0OVM0001";

    private readonly object gate = new();
    private readonly List<FakeSlackCall> calls = [];
    private readonly Dictionary<string, FakeSlackMessage> messages = [];
    private readonly Dictionary<string, int> rateLimits = [];
    private WebApplication? app;
    private int port;
    private long nextTs = 1_700_000_000_000100;

    public string BaseUrl { get; private set; } = "";

    /// <summary>How long every answer takes (a slow Slack).</summary>
    public TimeSpan Delay { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    public FakeOutage Outage { get; } = new();

    /// <summary>The Socket Mode side: apps.connections.open and the WebSocket it hands out.</summary>
    public FakeSlackSocket Socket { get; } = new();

    public IReadOnlyList<FakeSlackCall> Calls { get { lock (gate) { return calls.ToList(); } } }

    public IReadOnlyList<FakeSlackMessage> Messages { get { lock (gate) { return messages.Values.ToList(); } } }

    public IReadOnlyList<FakeSlackMessage> TopLevel => Messages.Where(m => m.ThreadTs is null).ToList();

    public string ResponseUrl(string id) => $"{BaseUrl}/responses/{id}";

    public IReadOnlyList<string> Responses(string id) =>
        Calls.Where(c => c.Method == "response:" + id).Select(c => c.Body["text"]?.GetValue<string>() ?? "").ToList();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> answer 429 with Retry-After.</summary>
    public void RateLimit(string method, int times)
    {
        lock (gate)
        {
            rateLimits[method] = times;
        }
    }

    /// <summary>Slack goes down now, until <see cref="EndOutageAsync"/>; refused means the port stops listening.</summary>
    public async Task BeginOutageAsync(FakeOutageKind kind)
    {
        Outage.Begin(kind);
        if (kind == FakeOutageKind.Refused && app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task EndOutageAsync()
    {
        if (app is null)
        {
            await StartAsync();
        }

        Outage.End();
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        app.UseWebSockets();
        app.Map("/socket", Socket.AcceptAsync);
        app.MapPost("/api/{method}", (string method, HttpContext http) => ApiAsync(method, http));
        app.MapGet("/api/users.info", (Delegate)((HttpContext http) => ApiAsync("users.info", http)));
        app.MapPost("/responses/{id}", (string id, HttpContext http) => ApiAsync("response:" + id, http));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(BaseUrl).Port; // a restart after a refused outage listens where the bot expects Slack
    }

    public async Task<T> WaitForAsync<T>(Func<T?> probe, string what, int seconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Fake Slack never saw {what}. Calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> ApiAsync(string method, HttpContext http)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var body = await ReadAsync(http.Request);
        var auth = http.Request.Headers.Authorization.ToString();
        lock (gate)
        {
            if (Outage.Failing)
            {
                calls.Add(new FakeSlackCall(method, body, auth, Outage.Status, DateTimeOffset.UtcNow));
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(Outage.Status);
            }

            if (rateLimits.TryGetValue(method, out var left) && left > 0)
            {
                rateLimits[method] = left - 1;
                calls.Add(new FakeSlackCall(method, body, auth, 429, DateTimeOffset.UtcNow));
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(429);
            }

            calls.Add(new FakeSlackCall(method, body, auth, 200, DateTimeOffset.UtcNow));
            if (method.StartsWith("response:", StringComparison.Ordinal))
            {
                return Results.Text("ok");
            }

            if (method == "apps.connections.open")
            {
                return Socket.OpenConnection(BaseUrl, auth) is { } url ? Results.Json(new JsonObject { ["ok"] = true, ["url"] = url }) : Error("invalid_auth");
            }

            return auth != "Bearer " + Token ? Error("invalid_auth") : Answer(method, body, http.Request.Query["user"].ToString());
        }
    }

    private IResult Answer(string method, JsonObject body, string user) => method switch
    {
        "chat.postMessage" => Post(body),
        "chat.update" => Update(body),
        "chat.postEphemeral" => Results.Json(new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() }),
        "users.info" => Results.Json(new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = user, ["name"] = "mallory", ["real_name"] = "Mallory Stranger" } }),
        _ => Error("unknown_method"),
    };

    private IResult Post(JsonObject body)
    {
        var channel = body["channel"]?.GetValue<string>() ?? "";
        var message = new FakeSlackMessage
        {
            Channel = channel.StartsWith('#') ? ChannelId : channel,
            Ts = NextTs(),
            ThreadTs = body["thread_ts"]?.GetValue<string>(),
            Text = body["text"]?.GetValue<string>() ?? "",
            Blocks = body["blocks"]?.DeepClone().AsArray() ?? [],
        };
        messages[message.Ts] = message;
        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = message.Channel, ["ts"] = message.Ts });
    }

    private IResult Update(JsonObject body)
    {
        // thread_ts is not an argument of chat.update (a message keeps its thread): stricter than Slack,
        // which ignores it, so every Slack test catches a bot that sends it.
        if (body.ContainsKey("thread_ts"))
        {
            return Error("invalid_arguments");
        }

        var ts = body["ts"]?.GetValue<string>() ?? "";
        if (!messages.TryGetValue(ts, out var message) || message.Channel != body["channel"]?.GetValue<string>())
        {
            return Error("message_not_found");
        }

        message.Text = body["text"]?.GetValue<string>() ?? "";
        message.Blocks = body["blocks"]?.DeepClone().AsArray() ?? [];
        message.Updates++;
        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = message.Channel, ["ts"] = ts });
    }

    private string NextTs()
    {
        var value = nextTs++;
        return $"{value / 1_000_000}.{value % 1_000_000:D6}";
    }

    private static IResult Error(string code) => Results.Json(new JsonObject { ["ok"] = false, ["error"] = code });

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length > 0 && JsonNode.Parse(text) is JsonObject json ? json : [];
    }
}
