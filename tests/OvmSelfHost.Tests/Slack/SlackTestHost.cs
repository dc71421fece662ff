using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// The real host with Slack on, pointed at a <see cref="FakeSlackApi"/>, and a client that speaks
/// to it only as Slack does: signed slash commands, button clicks and events. Every answer's time
/// is kept so tests can hold the 3-second rule.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    /// <summary>One signed request as sent: its path, body, content type, signing time and the id of its response_url.</summary>
    public sealed record SignedRequest(string Path, string Body, string ContentType, string Timestamp, string ResponseId);

    public const string Alice = "U0ALICE01";
    public const string Bob = "U0BOB0001";
    public const string Carol = "U0CAROL01";
    public const string Stranger = "U0MALLORY";

    private readonly HostFactory factory;
    private readonly WebApplicationFactory<Program> host;
    private int responses;

    private SlackTestHost(FakeSlackApi slack, FakeOvm? ovm, string? databaseFile, IReadOnlyDictionary<string, string>? settings)
    {
        Slack = slack;
        factory = new HostFactory(ovm, databaseFile, settings);
        host = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Slack:SigningSecret", SlackRequest.SigningSecret);
            b.UseSetting("Slack:BotToken", FakeSlackApi.Token);
            b.UseSetting("Slack:Channel", FakeSlackApi.ChannelId);
            b.UseSetting("Slack:ApiBaseUrl", slack.BaseUrl + "/api/");
            b.UseSetting("Slack:ResponseUrlPrefixes:0", slack.BaseUrl + "/responses/");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                // A test's own settings win over the defaults above (Socket Mode alone clears the signing secret).
                b.UseSetting(key, value);
            }
        });
        Client = host.CreateClient();
    }

    public FakeSlackApi Slack { get; }

    public HttpClient Client { get; }

    /// <summary>The host itself, for clients of its own (a person signing in to the console).</summary>
    public WebApplicationFactory<Program> Factory => host;

    public string DatabaseFile => factory.DatabaseFile;

    public List<TimeSpan> AnswerTimes { get; } = [];

    public static async Task<SlackTestHost> StartAsync(FakeOvm? ovm = null, string? databaseFile = null, FakeSlackApi? slack = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (slack is null)
        {
            slack = new FakeSlackApi();
            await slack.StartAsync();
        }

        return new SlackTestHost(slack, ovm, databaseFile, settings);
    }

    /// <summary>A slash command; returns the answer, the body and the id of its response_url.</summary>
    public async Task<(HttpResponseMessage Response, string Body, string ResponseId)> CommandAsync(string userId, string text)
    {
        var id = $"cmd-{Interlocked.Increment(ref responses)}";
        var body = SlackRequest.Form(("token", "deprecated"), ("team_id", "T0TEAM"), ("channel_id", FakeSlackApi.ChannelId),
            ("user_id", userId), ("command", "/ovm"), ("text", text), ("response_url", Slack.ResponseUrl(id)), ("trigger_id", "1.2.3"));
        var response = await SendAsync("/slack/commands", body, "application/x-www-form-urlencoded");
        return (response, await response.Content.ReadAsStringAsync(), id);
    }

    /// <summary>A slash command's exact bytes and signing time, to send (and send again) with <see cref="SendSignedAsync"/>.</summary>
    public SignedRequest SignedCommand(string userId, string text)
    {
        var id = $"cmd-{Interlocked.Increment(ref responses)}";
        var body = SlackRequest.Form(("token", "deprecated"), ("team_id", "T0TEAM"), ("channel_id", FakeSlackApi.ChannelId),
            ("user_id", userId), ("command", "/ovm"), ("text", text), ("response_url", Slack.ResponseUrl(id)), ("trigger_id", "1.2.3"));
        return new SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", SlackRequest.Now(), id);
    }

    /// <summary>A click's exact bytes and signing time.</summary>
    public SignedRequest SignedClick(string userId, string actionId, string value)
    {
        var id = $"click-{Interlocked.Increment(ref responses)}";
        return new SignedRequest("/slack/interactions", ClickBody(userId, actionId, value, Slack.ResponseUrl(id)), "application/x-www-form-urlencoded", SlackRequest.Now(), id);
    }

    /// <summary>Sends the very bytes, timestamp and signature of <paramref name="request"/>: what a replay or Slack's retry looks like.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SendSignedAsync(SignedRequest request, IDictionary<string, string>? headers = null)
    {
        var (response, _) = await SlackRequest.PostAsync(Client, request.Path, request.Body, request.ContentType, request.Timestamp, headers: headers);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpResponseMessage Response, string ResponseId)> ClickAsync(string userId, string actionId, string value)
    {
        var id = $"click-{Interlocked.Increment(ref responses)}";
        return (await SendAsync("/slack/interactions", ClickBody(userId, actionId, value, Slack.ResponseUrl(id)), "application/x-www-form-urlencoded"), id);
    }

    public static string ClickBody(string userId, string actionId, string value, string responseUrl)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = userId.ToLowerInvariant(), ["team_id"] = "T0TEAM" },
            ["api_app_id"] = "A0OVM",
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = FakeSlackApi.ChannelId },
            ["channel"] = new JsonObject { ["id"] = FakeSlackApi.ChannelId, ["name"] = "ovm-migrations" },
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button", ["action_id"] = actionId, ["value"] = value, ["block_id"] = "b", ["action_ts"] = "1.2",
            }),
        };
        return SlackRequest.Form(("payload", payload.ToJsonString()));
    }

    /// <summary>An Events API envelope of an app_mention "@ovm {text}" in the channel, posted at <paramref name="ts"/>.</summary>
    public static JsonObject Mention(string eventId, string user, string text, string ts = "1700000100.000200") => new()
    {
        ["token"] = "deprecated",
        ["team_id"] = "T0TEAM",
        ["api_app_id"] = "A0OVM",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = user, ["text"] = $"<@U0OVMBOT> {text}",
            ["ts"] = ts, ["channel"] = FakeSlackApi.ChannelId, ["event_ts"] = ts,
        },
    };

    public async Task<HttpResponseMessage> EventAsync(JsonObject envelope, int? retry = null)
    {
        var headers = retry is null ? null : new Dictionary<string, string> { ["X-Slack-Retry-Num"] = $"{retry}", ["X-Slack-Retry-Reason"] = "http_timeout" };
        return await SendAsync("/slack/events", envelope.ToJsonString(), "application/json", headers);
    }

    public async Task<HttpResponseMessage> SendAsync(string path, string body, string contentType, IDictionary<string, string>? headers = null)
    {
        var (response, took) = await SlackRequest.PostAsync(Client, path, body, contentType, headers: headers);
        lock (AnswerTimes)
        {
            AnswerTimes.Add(took);
        }

        return response;
    }

    /// <summary>The migrations as the HTTP API lists them (for assertions only; tests drive through Slack).</summary>
    public async Task<JsonElement[]> MigrationsAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/migrations")).EnumerateArray().ToArray();

    public async Task<JsonElement[]> AuditAsync(Guid id) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit")).EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await host.DisposeAsync();
        await factory.DisposeAsync();
    }

    public async ValueTask DisposeAllAsync()
    {
        await DisposeAsync();
        await Slack.DisposeAsync();
    }
}
