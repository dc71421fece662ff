using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OvmSelfHost.TestIdentityProvider;

/// <summary>
/// A real OpenID Connect provider for the tests (OpenIddict on Kestrel, on a loopback port of its
/// own): discovery, JWKS, authorization code with PKCE, client credentials and (for scripts in
/// tests) the password grant; a login form; <c>prompt=login</c> and <c>max_age</c> make the person
/// sign in again, and tokens carry <c>auth_time</c>. Started by the tests, stopped with them.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ConsoleClientId = "ovm-console";
    public const string ConsoleClientSecret = "console-secret-for-tests";
    public const string PipelineClientId = "pipeline";
    public const string PipelineClientSecret = "pipeline-secret-for-tests";
    public const string ApiAudience = "ovm-api";
    public const string OtherAudience = "other-api";

    private readonly WebApplication app;
    private readonly Dictionary<string, TestUser> users;

    private TestIdentityProvider(WebApplication app, IEnumerable<TestUser> users, ProviderClock clock)
    {
        this.app = app;
        Clock = clock;
        this.users = users.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The issuer, e.g. http://127.0.0.1:5201/ (what the host's Authority names).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The clock OpenIddict issues with: shift it to issue a token in the past (an expired one).</summary>
    public ProviderClock Clock { get; }

    /// <summary>
    /// How long ago a sign-in that was not forced (no <c>prompt=login</c>, no <c>max_age</c>) and a
    /// password-grant token say the person authenticated: lets a test hold an old sign-in without waiting.
    /// </summary>
    public TimeSpan BackdateSignIns { get; set; }

    /// <summary>Roles (groups) the pipeline client's own tokens carry.</summary>
    public List<string> PipelineGroups { get; } = [];

    /// <param name="hosts">Base addresses of the hosts that sign people in (their /signin-oidc is registered).</param>
    public static async Task<TestIdentityProvider> StartAsync(IEnumerable<TestUser> users, IEnumerable<Uri> hosts, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(TestIdentityProvider).Assembly.GetName().Name });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var cookie = $"test-idp-{Guid.NewGuid():N}";
        var clock = new ProviderClock();
        var database = Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<ProviderDbContext>(o => o.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddAuthentication().AddCookie(ProviderEndpoints.SessionScheme, o =>
        {
            o.Cookie.Name = cookie;
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowPasswordFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, "api", "other");
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.Configure(options => options.TimeProvider = clock);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var provider = new TestIdentityProvider(app, users, clock);
        app.UseAuthentication();
        new ProviderEndpoints(provider).Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        await ProviderClients.SeedAsync(app.Services, hosts);
        return provider;
    }

    internal TestUser? Find(string? userName, string? password) =>
        userName is not null && users.TryGetValue(userName, out var user) && (password is null || user.Password == password) ? user : null;

    /// <summary>A bearer token for a person (password grant), for <paramref name="scope"/> ("api" or "other").</summary>
    public async Task<string> TokenForAsync(string userName, string scope = "api")
    {
        var user = users[userName];
        return await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = ConsoleClientId,
            ["client_secret"] = ConsoleClientSecret,
            ["username"] = user.UserName,
            ["password"] = user.Password,
            ["scope"] = $"openid {scope}",
        });
    }

    /// <summary>A token of the pipeline client itself (client credentials).</summary>
    public Task<string> PipelineTokenAsync() => RequestTokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = GrantTypes.ClientCredentials,
        ["client_id"] = PipelineClientId,
        ["client_secret"] = PipelineClientSecret,
        ["scope"] = "api",
    });

    private async Task<string> RequestTokenAsync(Dictionary<string, string> form)
    {
        using var http = new HttpClient { BaseAddress = Authority };
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The test provider refused the token request ({(int)response.StatusCode}): {body}");
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    internal ClaimsIdentity IdentityOf(TestUser user, DateTimeOffset authenticatedAt)
    {
        var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims("groups", [.. user.Groups]);
        identity.AddClaim(new Claim(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        return identity;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
