using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OvmSelfHost.Chat.Teams;
using OvmSelfHost.Chat.Teams.Connector;

namespace OvmSelfHost.Chat.Tests.Teams;

public sealed class BotTokenProviderTests
{
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        public List<string> Forms { get; } = [];

        public List<Uri> Urls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Urls.Add(request.RequestUri!);
            Forms.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"t{Forms.Count}\"}}", Encoding.UTF8, "application/json"),
            };
        }
    }

    private static TeamsOptions Options(string? tenant = null) => new() { AppId = Guid.NewGuid().ToString(), AppPassword = "pw", TenantId = tenant };

    [Fact]
    public async Task Token_IsCachedUntilFiveMinutesBeforeItExpires()
    {
        var endpoint = new TokenEndpoint();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var tokens = new BotTokenProvider(new HttpClient(endpoint), Microsoft.Extensions.Options.Options.Create(Options()), time);

        Assert.Equal("t1", await tokens.GetTokenAsync(default));
        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("t1", await tokens.GetTokenAsync(default));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("t2", await tokens.GetTokenAsync(default));

        Assert.Contains("grant_type=client_credentials", endpoint.Forms[0]);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", endpoint.Forms[0]);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", endpoint.Urls[0].ToString());
    }

    [Fact]
    public async Task SingleTenantBot_AsksItsTenant()
    {
        var endpoint = new TokenEndpoint();
        var tenant = Guid.NewGuid().ToString();
        var tokens = new BotTokenProvider(new HttpClient(endpoint), Microsoft.Extensions.Options.Options.Create(Options(tenant)), TimeProvider.System);

        await tokens.GetTokenAsync(default);

        Assert.Equal($"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token", endpoint.Urls[0].ToString());
    }

    [Theory]
    [InlineData("not-a-guid", "pw", "Teams:AppId 'not-a-guid' is not a GUID")]
    [InlineData("7f0c2a8e-1b2d-4c3e-9f40-5a6b7c8d9e01", null, "Teams:AppPassword is required")]
    [InlineData(null, "pw", "Teams:AppId is required")]
    public void HalfAConfiguration_IsRefusedNamingTheKey(string? appId, string? password, string expected)
    {
        var result = new TeamsOptionsValidator().Validate(null, new TeamsOptions { AppId = appId, AppPassword = password });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
        Assert.DoesNotContain("pw", result.FailureMessage.Replace("AppPassword", "", StringComparison.Ordinal));
    }

    [Fact]
    public void NoConfiguration_LeavesTeamsOff() =>
        Assert.True(new TeamsOptionsValidator().Validate(null, new TeamsOptions()).Succeeded);
}
