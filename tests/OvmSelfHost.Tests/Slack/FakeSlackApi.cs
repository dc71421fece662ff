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
/// chat.postEphemeral, users.info, conversations.history and conversations.replies with metadata, apps.connections.open) under /api/, Socket Mode
/// (<see cref="FakeSlackSocket"/>), and response URLs under /responses/{id}. It checks
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
    private readonly Dictionary<string, int> lostAnswers = [];
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

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> are carried out, but their answers are lost
    /// (the connection drops): what a bot killed right after Slack accepted a post, or a lost response, looks like.
    /// </summary>
    public void LoseAnswers(string method, int times)
    {
        lock (gate)
        {
            lostAnswers[method] = times;
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
        app.MapGet("/api/conversations.history", (Delegate)((HttpContext http) => ApiAsync("conversations.history", http)));
        app.MapGet("/api/conversations.replies", (Delegate)((HttpContext http) => ApiAsync("conversations.replies", http)));
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

        var body = HttpMethods.IsGet(http.Request.Method) ? Query(http.Request.Query) : await ReadAsync(http.Request);
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

            var answer = auth != "Bearer " + Token ? Error("invalid_auth") : Answer(method, body, http.Request.Query["user"].ToString());
            if (lostAnswers.TryGetValue(method, out var lose) && lose > 0)
            {
                lostAnswers[method] = lose - 1;
                http.Abort();
                return Results.Empty;
            }

            return answer;
        }
    }

    private IResult Answer(string method, JsonObject body, string user) => method switch
    {
        "chat.postMessage" => Post(body),
        "chat.update" => Update(body),
        "chat.postEphemeral" => Results.Json(new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() }),
        "conversations.history" => Read(body, m => m.Channel == body["channel"]?.GetValue<string>() && m.ThreadTs is null, newestFirst: true),
        "conversations.replies" => Read(body, m => m.Channel == body["channel"]?.GetValue<string>()
            && (m.Ts == body["ts"]?.GetValue<string>() || m.ThreadTs == body["ts"]?.GetValue<string>()), newestFirst: false),
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
            Metadata = body["metadata"]?.DeepClone().AsObject(),
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

    /// <summary>conversations.history/replies: one page, all of it (the bot's threads here are short); metadata only when asked for.</summary>
    private IResult Read(JsonObject query, Func<FakeSlackMessage, bool> which, bool newestFirst)
    {
        var withMetadata = query["include_all_metadata"]?.GetValue<string>() is "true" or "1";
        var found = messages.Values.Where(which).OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();
        if (newestFirst)
        {
            found.Reverse();
        }

        var list = new JsonArray();
        foreach (var m in found)
        {
            var item = new JsonObject { ["ts"] = m.Ts, ["text"] = m.Text };
            if (m.ThreadTs is not null)
            {
                item["thread_ts"] = m.ThreadTs;
            }

            if (withMetadata && m.Metadata is not null)
            {
                item["metadata"] = m.Metadata.DeepClone();
            }

            list.Add(item);
        }

        return Results.Json(new JsonObject { ["ok"] = true, ["messages"] = list, ["has_more"] = false });
    }

    private static JsonObject Query(IQueryCollection query)
    {
        var json = new JsonObject();
        foreach (var (name, value) in query)
        {
            json[name] = value.ToString();
        }

        return json;
    }

    private static async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length > 0 && JsonNode.Parse(text) is JsonObject json ? json : [];
    }
}
