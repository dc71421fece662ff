using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Teams;

/// <summary>
/// The Bot Framework's side, local and over real HTTP: OpenID metadata and a JWKS of real RSA keys
/// (one endorsed for msteams, one only for another channel), a client-credentials token endpoint,
/// and a Connector under <c>/amer/</c> that checks the bot's token, keeps every activity as updated,
/// and records every call. It also signs the tokens the Bot Connector would send to the bot, and can
/// be down for a while (<see cref="BeginOutageAsync"/>: 503s, 429s, or nothing listening).
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "7f0c2a8e-1b2d-4c3e-9f40-5a6b7c8d9e01";
    public const string AppPassword = "test-app-password-not-a-real-secret";
    public const string ConnectorToken = "connector-token-for-tests";
    public const string Issuer = "https://api.botframework.com";
    public const string TeamsKeyId = "teams-key";
    public const string OtherChannelKeyId = "skype-only-key";

    private readonly object gate = new();
    private readonly List<FakeConnectorCall> calls = [];
    private readonly Dictionary<string, FakeTeamsActivity> activities = [];
    private readonly Dictionary<string, int> rateLimits = [];
    private readonly RSA teamsKey = RSA.Create(2048);
    private readonly RSA otherChannelKey = RSA.Create(2048);
    private readonly RSA strangerKey = RSA.Create(2048);
    private WebApplication? app;
    private int port;
    private int nextId = 1000;

    public string BaseUrl { get; private set; } = "";

    public string ServiceUrl => BaseUrl + "/amer/";

    public string MetadataUrl => BaseUrl + "/openid/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "/oauth2/v2.0/token";

    public int MetadataReads { get; private set; }

    public FakeOutage Outage { get; } = new();

    public IReadOnlyList<FakeConnectorCall> Calls { get { lock (gate) { return calls.ToList(); } } }

    public IReadOnlyList<FakeConnectorCall> ConnectorCalls => Calls.Where(c => c.Operation != "token").ToList();

    public IReadOnlyList<FakeTeamsActivity> Activities { get { lock (gate) { return activities.Values.ToList(); } } }

    /// <summary>Activities that carry a card (the migration cards).</summary>
    public IReadOnlyList<FakeTeamsActivity> Cards => Activities.Where(a => a.Card is not null).ToList();

    /// <summary>The texts of the replies to <paramref name="activityId"/>.</summary>
    public IReadOnlyList<string> Replies(string activityId) =>
        Calls.Where(c => c.Operation == "reply" && c.ActivityId == activityId).Select(c => c.Body["text"]?.GetValue<string>() ?? "").ToList();

    /// <summary>The next <paramref name="times"/> Connector calls of <paramref name="operation"/> answer 429 with Retry-After: 1.</summary>
    public void RateLimit(string operation, int times)
    {
        lock (gate)
        {
            rateLimits[operation] = times;
        }
    }

    public int RateLimited(string operation) => Calls.Count(c => c.Operation == operation + ":429");

    /// <summary>The Connector goes down now (the token endpoint too), until <see cref="EndOutageAsync"/>; refused means the port stops listening.</summary>
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
        app.MapGet("/openid/.well-known/openidconfiguration", () =>
        {
            MetadataReads++;
            return Results.Json(new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = "https://invalid.example/authorize",
                ["jwks_uri"] = BaseUrl + "/openid/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        });
        app.MapGet("/openid/keys", () => Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(teamsKey, TeamsKeyId, "msteams", "emulator"), Jwk(otherChannelKey, OtherChannelKeyId, "skype")),
        }));
        app.MapPost("/oauth2/v2.0/token", (Delegate)TokenAsync);
        app.MapPost("/amer/v3/conversations", (Delegate)((HttpContext http) => ConnectorAsync("create", null, null, http)));
        app.MapPost("/amer/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => ConnectorAsync("send", conversationId, null, http));
        app.MapPost("/amer/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => ConnectorAsync("reply", conversationId, activityId, http));
        app.MapPut("/amer/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => ConnectorAsync("update", conversationId, activityId, http));
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(BaseUrl).Port; // a restart after a refused outage listens where the bot expects the Connector
    }

    /// <summary>A token as the Bot Connector would send it; each part can be made wrong for a test.</summary>
    public string Token(
        string? serviceUrl = null, string audience = AppId, string issuer = Issuer, string keyId = TeamsKeyId,
        DateTime? expires = null, DateTime? notBefore = null, bool strangerSigns = false)
    {
        var key = strangerSigns ? strangerKey : keyId == OtherChannelKeyId ? otherChannelKey : teamsKey;
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
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

        throw new TimeoutException($"The fake Bot Framework never saw {what}. Calls: {string.Join(", ", Calls.Select(c => c.Operation))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        teamsKey.Dispose();
        otherChannelKey.Dispose();
        strangerKey.Dispose();
    }

    private static JsonObject Jwk(RSA rsa, string kid, params string[] endorsements)
    {
        var parameters = rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
        };
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var body = new JsonObject { ["grant_type"] = form["grant_type"].ToString(), ["client_id"] = form["client_id"].ToString(), ["scope"] = form["scope"].ToString() };
        lock (gate)
        {
            calls.Add(new FakeConnectorCall("token", http.Request.Path, "", null, body, ""));
        }

        return form["client_id"] == AppId && form["client_secret"] == AppPassword && form["grant_type"] == "client_credentials"
            ? Results.Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = ConnectorToken })
            : Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
    }

    private async Task<IResult> ConnectorAsync(string operation, string? conversationId, string? activityId, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length > 0 && JsonNode.Parse(text) is JsonObject json ? json : [];
        var auth = http.Request.Headers.Authorization.ToString();
        lock (gate)
        {
            if (Outage.Failing)
            {
                calls.Add(new FakeConnectorCall($"{operation}:{Outage.Status}", http.Request.Path, conversationId ?? "", activityId, body, auth));
                http.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(Outage.Status);
            }

            if (rateLimits.TryGetValue(operation, out var left) && left > 0)
            {
                rateLimits[operation] = left - 1;
                calls.Add(new FakeConnectorCall(operation + ":429", http.Request.Path, conversationId ?? "", activityId, body, auth));
                http.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(429);
            }

            calls.Add(new FakeConnectorCall(operation, http.Request.Path, conversationId ?? "", activityId, body, auth));
            if (auth != "Bearer " + ConnectorToken)
            {
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "Unauthorized", ["message"] = "bad token" } }, statusCode: 401);
            }

            return operation switch
            {
                "create" => Create(body),
                "update" => Update(conversationId!, activityId!, body),
                _ => Results.Json(new JsonObject { ["id"] = Add(conversationId!, body).Id }),
            };
        }
    }

    private IResult Create(JsonObject parameters)
    {
        var channel = parameters["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "a:personal";
        var first = parameters["activity"] as JsonObject ?? [];
        var conversation = $"{channel};messageid={nextId}";
        var activity = Add(conversation, (JsonObject)first.DeepClone());
        return Results.Json(new JsonObject { ["id"] = conversation, ["activityId"] = activity.Id });
    }

    private IResult Update(string conversationId, string activityId, JsonObject body)
    {
        if (!activities.TryGetValue(activityId, out var activity) || activity.ConversationId != conversationId)
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "ActivityNotFound", ["message"] = "no such activity" } }, statusCode: 404);
        }

        activity.Body = body;
        activity.Updates++;
        return Results.Json(new JsonObject { ["id"] = activityId });
    }

    private FakeTeamsActivity Add(string conversationId, JsonObject body)
    {
        var activity = new FakeTeamsActivity { Id = $"{nextId++}", ConversationId = conversationId, Body = body };
        activities[activity.Id] = activity;
        return activity;
    }
}
