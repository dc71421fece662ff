using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.TestIdentityProvider.Teams;

/// <summary>
/// The Microsoft 365 Agents Playground's side of the wire, local and over real HTTP: activities shaped
/// as the Playground sends them (no Authorization header, channelId msteams, a loopback serviceUrl
/// ending in <c>/_connector</c>, its mock tenant and bot), and the mock Connector under that
/// serviceUrl that takes the bot's sends, replies and updates without asking for a token, and records
/// each one with the Authorization header it came with.
/// </summary>
public sealed class FakeAgentsPlayground : IAsyncDisposable
{
    /// <summary>The Playground's mock tenant and bot (its defaults).</summary>
    public const string Tenant = "00000000-0000-0000-0000-0000000000001";
    public const string BotId = "00000000-0000-0000-0000-00000000000011";
    public const string Conversation = "personal-chat-id";

    private readonly object gate = new();
    private readonly List<PlaygroundActivity> received = [];
    private WebApplication? app;
    private int next;

    public string BaseUrl { get; private set; } = "";

    public string ServiceUrl => BaseUrl + "/_connector";

    public IReadOnlyList<PlaygroundActivity> Received { get { lock (gate) { return received.ToList(); } } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/_connector/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => TakeAsync("send", conversationId, null, http));
        app.MapPost("/_connector/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => TakeAsync("reply", conversationId, activityId, http));
        app.MapPut("/_connector/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => TakeAsync("update", conversationId, activityId, http));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    /// <summary>What the Playground posts when a person types <paramref name="text"/> in its personal chat.</summary>
    public JsonObject Message(string aadObjectId, string name, string text) => Activity("message", aadObjectId, name).Also(a =>
    {
        a["text"] = text;
        a["textFormat"] = "plain";
    });

    /// <summary>What the Playground posts when the chat opens: the bot and the user added to the conversation.</summary>
    public JsonObject ConversationUpdate(string aadObjectId, string name) => Activity("conversationUpdate", aadObjectId, name).Also(a =>
        a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId, ["name"] = "Test Bot" }, new JsonObject { ["id"] = "user-id-0", ["name"] = name, ["aadObjectId"] = aadObjectId }));

    /// <summary>The bot's replies to <paramref name="activityId"/>, in order.</summary>
    public IReadOnlyList<string> Replies(string activityId) =>
        Received.Where(r => r.Operation == "reply" && r.ActivityId == activityId).Select(r => r.Text).ToList();

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

        throw new TimeoutException($"The Playground never saw {what}. Received: {string.Join(", ", Received.Select(r => r.Operation))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private JsonObject Activity(string type, string aadObjectId, string name) => new()
    {
        ["type"] = type,
        ["id"] = $"playground-{Interlocked.Increment(ref next)}-{Guid.NewGuid():N}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["localTimestamp"] = DateTimeOffset.Now.ToString("O"),
        ["serviceUrl"] = ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "user-id-" + aadObjectId[..8], ["name"] = name, ["aadObjectId"] = aadObjectId },
        ["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Test Bot" },
        ["locale"] = "en-US",
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "UTC" }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    private async Task<IResult> TakeAsync(string operation, string conversationId, string? activityId, HttpContext http)
    {
        var body = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(http.Request.Body)) ?? [];
        var authorization = http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString();
        var id = operation == "update" ? activityId! : $"bot-{Interlocked.Increment(ref next)}";
        lock (gate)
        {
            received.Add(new PlaygroundActivity(operation, conversationId, activityId, body, authorization));
        }

        return Results.Json(new JsonObject { ["id"] = id });
    }
}
