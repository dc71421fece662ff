using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// A local Slack Web API over real HTTP for host processes (the Host tests' richer fake lives in their own
/// project, which this one may not reference): chat.postMessage gets a fresh ts, chat.update must name a
/// message posted before, and both are recorded in order, so a drill can count every message's posts and
/// edits after replicas were killed. conversations.history and conversations.replies return the posts with
/// their metadata (how a replica looks before posting again). Other methods answer ok. The bearer token is checked.
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    public const string Token = "fake-bot-token-for-e2e";
    public const string ChannelId = "C0E2E0001";
    public const string SigningSecret = "fake-signing-secret-for-e2e";

    private readonly object gate = new();
    private readonly List<FakeSlackPost> calls = [];
    private WebApplication? app;
    private long nextTs = 1_700_000_000_000100;
    private int reads;

    public string BaseUrl { get; private set; } = "";

    /// <summary>What a host needs to post here (Slack on, the channel, this Web API).</summary>
    public IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Slack__SigningSecret"] = SigningSecret,
        ["Slack__BotToken"] = Token,
        ["Slack__Channel"] = ChannelId,
        ["Slack__ApiBaseUrl"] = BaseUrl + "/api/",
    };

    /// <summary>How many times a thread or the channel was read back (conversations.replies, conversations.history).</summary>
    public int Reads { get { lock (gate) { return reads; } } }

    /// <summary>Every chat.postMessage and chat.update accepted, in the order they arrived.</summary>
    public IReadOnlyList<FakeSlackPost> Calls { get { lock (gate) { return calls.ToList(); } } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Map("/api/{method}", (string method, HttpContext http) => ApiAsync(method, http));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
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
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            return Results.Json(new { ok = false, error = "invalid_auth" });
        }

        if (method == "users.info")
        {
            var user = http.Request.Query["user"].ToString();
            return Results.Json(new { ok = true, user = new { id = user, name = user, real_name = user } });
        }

        if (method is "conversations.history" or "conversations.replies")
        {
            return Read(method, http.Request.Query["channel"].ToString(), http.Request.Query["ts"].ToString());
        }

        if (method is not ("chat.postMessage" or "chat.update"))
        {
            return Results.Json(new { ok = true });
        }

        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!.AsObject();
        var channel = body["channel"]?.GetValue<string>() ?? "";
        var threadTs = body["thread_ts"]?.GetValue<string>();
        var text = body["text"]?.GetValue<string>() ?? "";
        lock (gate)
        {
            if (method == "chat.update")
            {
                var ts = body["ts"]?.GetValue<string>();
                if (threadTs is not null || !calls.Any(c => c.Method == "chat.postMessage" && c.Ts == ts))
                {
                    return Results.Json(new { ok = false, error = threadTs is null ? "message_not_found" : "invalid_arguments" });
                }

                calls.Add(new FakeSlackPost(method, channel, ts!, threadTs, text, body.ToJsonString()));
                return Results.Json(new { ok = true, channel, ts });
            }

            var id = ++nextTs;
            var posted = string.Create(CultureInfo.InvariantCulture, $"{id / 1_000_000}.{id % 1_000_000:D6}");
            calls.Add(new FakeSlackPost(method, channel, posted, threadTs, text, body.ToJsonString()));
            return Results.Json(new { ok = true, channel, ts = posted });
        }
    }

    /// <summary>The channel's top-level posts newest first, or a thread's parent and replies oldest first; all on one page.</summary>
    private IResult Read(string method, string channel, string ts)
    {
        List<FakeSlackPost> posts;
        lock (gate)
        {
            reads++;
            posts = calls.Where(c => c.IsPost && c.Channel == channel
                && (method == "conversations.history" ? c.ThreadTs is null : c.Ts == ts || c.ThreadTs == ts)).ToList();
        }

        if (method == "conversations.history")
        {
            posts.Reverse();
        }

        var messages = new JsonArray();
        foreach (var post in posts)
        {
            messages.Add(new JsonObject
            {
                ["ts"] = post.Ts, ["thread_ts"] = post.ThreadTs, ["text"] = post.Text,
                ["metadata"] = JsonNode.Parse(post.Body)?["metadata"]?.DeepClone(),
            });
        }

        return Results.Json(new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false });
    }
}
