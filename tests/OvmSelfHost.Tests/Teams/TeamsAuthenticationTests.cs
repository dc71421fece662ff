using System.Net;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.TestSupport.Ordering;

namespace OvmSelfHost.Tests.Teams;

/// <summary>Every request to /api/messages is a signed "start A B now": only a valid token may change anything.</summary>
[LongRunning(35)]
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync(new FakeOvm());

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task ValidToken_Message_IsAcceptedAndAnswered()
    {
        var reply = await host.AskAsync(TeamsTestHost.Bob, "status");

        Assert.Contains("No migrations yet", reply);
        var call = host.Bot.ConnectorCalls.Single();
        Assert.Equal("Bearer " + FakeBotFramework.ConnectorToken, call.Authorization);
        Assert.Equal("reply", call.Operation);
        var token = host.Bot.Calls.Single(c => c.Operation == "token");
        Assert.Equal("https://api.botframework.com/.default", token.Body["scope"]!.GetValue<string>());
        Assert.Equal("client_credentials", token.Body["grant_type"]!.GetValue<string>());
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "expired", "not yet valid", "wrong audience", "wrong issuer", "unendorsed channel", "unknown key", "tampered", "other serviceurl",
        "alg none", "no header", "not bearer", "garbage",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task ForgedOrExpiredToken_IsRefusedWith401_AndChangesNothing(string forgery)
    {
        var bot = host.Bot;
        var activity = host.Message(TeamsTestHost.Alice, "start A B now");
        string? authorization = forgery switch
        {
            "expired" => "Bearer " + bot.Token(expires: DateTime.UtcNow.AddMinutes(-6), notBefore: DateTime.UtcNow.AddHours(-1)),
            "not yet valid" => "Bearer " + bot.Token(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)),
            "wrong audience" => "Bearer " + bot.Token(audience: "00000000-0000-0000-0000-000000000000"),
            "wrong issuer" => "Bearer " + bot.Token(issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            "unendorsed channel" => "Bearer " + bot.Token(keyId: FakeBotFramework.OtherChannelKeyId),
            "unknown key" => "Bearer " + bot.Token(strangerSigns: true),
            "tampered" => "Bearer " + Tamper(bot.Token()),
            "other serviceurl" => "Bearer " + bot.Token(serviceUrl: "https://evil.example/amer/"),
            "alg none" => "Bearer " + Unsigned(bot.Token()),
            "no header" => null,
            "not bearer" => "Basic " + bot.Token(),
            _ => "Bearer not.a.jwt",
        };

        var response = await host.PostAsync(activity.ToJsonString(), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(await host.MigrationsAsync());
        Assert.Empty(host.Bot.ConnectorCalls);
    }

    [Fact]
    public async Task ActivityServiceUrl_NotTheTokens_IsRefused()
    {
        var activity = host.Message(TeamsTestHost.Alice, "start A B now");
        activity["serviceUrl"] = "https://evil.example/amer/";

        var response = await host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.MigrationsAsync());
        Assert.Empty(host.Bot.ConnectorCalls);
    }

    [Fact]
    public async Task TokenWithinTheFiveMinuteSkew_IsAccepted()
    {
        var token = host.Bot.Token(expires: DateTime.UtcNow.AddMinutes(-3), notBefore: DateTime.UtcNow.AddHours(-1));
        var message = host.Message(TeamsTestHost.Bob, "envs");

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(message, token)).StatusCode);
        Assert.Contains("Environments", await host.Bot.WaitForAsync(() => host.Bot.Replies(message["id"]!.GetValue<string>()).FirstOrDefault(), "the reply"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"text\":\"no type\"}")]
    public async Task MalformedActivity_WithAValidToken_Gets400WithAReason(string body)
    {
        var response = await host.PostAsync(body, "Bearer " + host.Bot.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a Bot Framework Activity", await response.Content.ReadAsStringAsync());
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task Keys_AreFetchedOnceAndCached()
    {
        await host.AskAsync(TeamsTestHost.Bob, "envs");
        await host.AskAsync(TeamsTestHost.Bob, "windows");
        await host.AskAsync(TeamsTestHost.Carol, "help");

        Assert.Equal(1, host.Bot.MetadataReads);
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace(FakeBotFramework.AppId, FakeBotFramework.AppId.ToUpperInvariant(), StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Unsigned(string jwt)
    {
        var parts = jwt.Split('.');
        return $"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
    }
}
