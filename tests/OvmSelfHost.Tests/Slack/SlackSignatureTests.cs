using System.Globalization;
using System.Net;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackSignatureTests : IAsyncLifetime
{
    private SlackTestHost host = null!;

    public async Task InitializeAsync() => host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAllAsync();

    private static string StartBody() => SlackRequest.Form(("user_id", SlackTestHost.Alice), ("command", "/ovm"), ("text", "start A B"),
        ("channel_id", FakeSlackApi.ChannelId), ("response_url", "http://127.0.0.1:1/never"));

    private static string At(TimeSpan offset) =>
        DateTimeOffset.UtcNow.Add(offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static TheoryData<string, string?, string?> BadSignatures() => new()
    {
        { "missing signature", null, "" },
        { "wrong signature", null, "v0=" + new string('0', 64) },
        { "signed with another secret", null, "other-secret" },
        { "stale timestamp", "-00:05:05", null },
        { "future timestamp", "00:05:05", null },
        { "not a number", "soon", null },
        { "other version", null, "v1=" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task BadSignature_AnyEndpoint_Is401AndChangesNothing(string why, string? when, string? signature)
    {
        var body = StartBody();
        var timestamp = when switch
        {
            null => SlackRequest.Now(),
            "soon" => "soon",
            _ => At(TimeSpan.Parse(when, CultureInfo.InvariantCulture)),
        };
        var signed = signature switch
        {
            null => null,
            "other-secret" => SlackRequest.Sign(timestamp, body, "another-secret"),
            "v1=" => "v1=" + SlackRequest.Sign(timestamp, body)[3..],
            _ => signature,
        };

        foreach (var path in new[] { "/slack/commands", "/slack/interactions", "/slack/events" })
        {
            var (response, _) = await SlackRequest.PostAsync(host.Client, path, body, "application/x-www-form-urlencoded", timestamp, signed);
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{why} on {path}: {response.StatusCode}");
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }

        await Task.Delay(300);
        Assert.Empty(await host.MigrationsAsync());
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task MissingHeaders_Command_Is401()
    {
        var response = await host.Client.PostAsync("/slack/commands", new StringContent(StartBody()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task BodyChangedAfterSigning_Command_Is401()
    {
        var timestamp = SlackRequest.Now();
        var signature = SlackRequest.Sign(timestamp, StartBody());

        var (response, _) = await SlackRequest.PostAsync(host.Client, "/slack/commands", StartBody().Replace("A+B", "B+A", StringComparison.Ordinal).Replace("A%20B", "B%20A", StringComparison.Ordinal), "application/x-www-form-urlencoded", timestamp, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TimestampFourMinutesOld_Command_IsAccepted()
    {
        var body = SlackRequest.Form(("user_id", SlackTestHost.Alice), ("text", "help"), ("response_url", host.Slack.ResponseUrl("h")));
        var timestamp = At(TimeSpan.FromMinutes(-4));

        var (response, _) = await SlackRequest.PostAsync(host.Client, "/slack/commands", body, "application/x-www-form-urlencoded", timestamp);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/ovm start", await response.Content.ReadAsStringAsync());
    }
}
