using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Teams;

/// <summary>
/// The real host with Teams on, its OpenID metadata, token endpoint and Connector pointed at a
/// <see cref="FakeBotFramework"/>, and a client that speaks to it only as the Bot Connector does:
/// signed activities on POST /api/messages. Every answer's time is kept.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    public const string Alice = "a11ce000-0000-4000-8000-000000000001";
    public const string Bob = "b0b00000-0000-4000-8000-000000000002";
    public const string Carol = "ca401000-0000-4000-8000-000000000003";
    public const string Mallory = "3a110000-0000-4000-8000-00000000dead";
    public const string Channel = "19:ovm-migrations@thread.tacv2";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly HostFactory factory;
    private readonly WebApplicationFactory<Program> host;
    private int next;

    private readonly bool ownsBot;

    private TeamsTestHost(FakeBotFramework bot, bool ownsBot, FakeOvm? ovm, IReadOnlyDictionary<string, string>? settings, string? databaseFile)
    {
        Bot = bot;
        this.ownsBot = ownsBot;
        factory = new HostFactory(ovm, databaseFile, settings);
        host = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Teams:AppId", FakeBotFramework.AppId);
            b.UseSetting("Teams:AppPassword", FakeBotFramework.AppPassword);
            b.UseSetting("Teams:OpenIdMetadataUrl", bot.MetadataUrl);
            b.UseSetting("Teams:TokenEndpoint", bot.TokenEndpoint);
        });
        Client = host.CreateClient();
    }

    public FakeBotFramework Bot { get; }

    public HttpClient Client { get; }

    public List<TimeSpan> AnswerTimes { get; } = [];

    public string DatabaseFile => factory.DatabaseFile;

    /// <param name="bot">A fake Bot Framework to share (a restarted host); a new one, owned by this host, when null.</param>
    public static async Task<TeamsTestHost> StartAsync(
        FakeOvm? ovm = null, IReadOnlyDictionary<string, string>? settings = null, string? databaseFile = null, FakeBotFramework? bot = null)
    {
        if (bot is not null)
        {
            return new TeamsTestHost(bot, false, ovm, settings, databaseFile);
        }

        bot = new FakeBotFramework();
        await bot.StartAsync();
        return new TeamsTestHost(bot, true, ovm, settings, databaseFile);
    }

    public static string NameOf(string aad) => aad switch { Alice => "Alice A", Bob => "Bob B", Carol => "Carol C", _ => "Mallory M" };

    /// <summary>A message in the team channel that mentions the bot: "&lt;at&gt;OvmSelfHost&lt;/at&gt; {text}".</summary>
    public JsonObject Message(string aad, string text, string? id = null) => Activity("message", aad, id) .Also(a =>
    {
        a["text"] = $"<at>OvmSelfHost</at> {text}";
        a["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>OvmSelfHost</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "OvmSelfHost" },
        });
    });

    /// <summary>An Action.Execute click (or refresh) on a card.</summary>
    public JsonObject Invoke(string aad, string verb, JsonObject data, string? replyToId = null, string? id = null) => Activity("invoke", aad, id).Also(a =>
    {
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = replyToId;
        a["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
    });

    /// <summary>The bot added to the team: a conversationUpdate in the General channel.</summary>
    public JsonObject Installation() => Activity("conversationUpdate", Alice, null).Also(a =>
    {
        a["conversation"] = new JsonObject { ["id"] = Channel, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = Tenant };
        a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId });
        a["channelData"]!["eventType"] = "teamMemberAdded";
    });

    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null, string? authorization = null)
    {
        var body = activity.ToJsonString();
        return await PostAsync(body, authorization ?? "Bearer " + (token ?? Bot.Token()));
    }

    public async Task<HttpResponseMessage> PostAsync(string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var clock = Stopwatch.StartNew();
        var response = await Client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        lock (AnswerTimes)
        {
            AnswerTimes.Add(clock.Elapsed);
        }

        return response;
    }

    /// <summary>Sends a message and waits for the bot's reply to it.</summary>
    public async Task<string> AskAsync(string aad, string text)
    {
        var message = Message(aad, text);
        var response = await SendAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var id = message["id"]!.GetValue<string>();
        return await Bot.WaitForAsync(() => Bot.Replies(id).FirstOrDefault(), $"the reply to '{text}'");
    }

    /// <summary>An invoke's answer: its statusCode, type and value (a card, a message or an error).</summary>
    public async Task<JsonObject> InvokeAsync(string aad, string verb, JsonObject data, string? id = null)
    {
        var response = await SendAsync(Invoke(aad, verb, data, id: id));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<JsonElement[]> MigrationsAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/migrations")).EnumerateArray().ToArray();

    public async Task<JsonElement[]> AuditAsync(Guid id) =>
        (await Client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit")).EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await host.DisposeAsync();
        await factory.DisposeAsync();
        if (ownsBot)
        {
            await Bot.DisposeAsync();
        }
    }

    private JsonObject Activity(string type, string aad, string? id) => new()
    {
        ["type"] = type,
        ["id"] = id ?? $"f:{Interlocked.Increment(ref next)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = Bot.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + aad[..8], ["name"] = NameOf(aad), ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFramework.AppId, ["name"] = "OvmSelfHost" },
        ["conversation"] = new JsonObject { ["id"] = Channel + ";messageid=1575667808184", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = Tenant },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Infrastructure" },
            ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "ovm-migrations" },
        },
    };
}
