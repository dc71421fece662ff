using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackEventTests : IAsyncLifetime
{
    private SlackTestHost host = null!;

    public async Task InitializeAsync() => host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAllAsync();

    private static JsonObject Mention(string eventId, string user, string text) => SlackTestHost.Mention(eventId, user, text);

    [Fact]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        var response = await host.EventAsync(new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task AppMention_Status_IsAnsweredInTheThread()
    {
        await host.EventAsync(Mention("Ev0001", SlackTestHost.Bob, "status"));

        var reply = await host.Slack.WaitForAsync(() => host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == "1700000100.000200"), "the answer in the thread");
        Assert.Contains("No migrations yet", reply.Text);
    }

    [Fact]
    public async Task Retries_OfTheSameEvent_AreHandledOnce()
    {
        var first = await host.EventAsync(Mention("Ev0002", SlackTestHost.Bob, "status"));
        var second = await host.EventAsync(Mention("Ev0002", SlackTestHost.Bob, "status"), retry: 1);
        var third = await host.EventAsync(Mention("Ev0002", SlackTestHost.Bob, "status"), retry: 2);

        Assert.All(new[] { first, second, third }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await host.Slack.WaitForAsync(() => host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == "1700000100.000200"), "the answer");
        await Task.Delay(500);
        Assert.Single(host.Slack.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task AppMention_Start_ByARequester_StartsOneMigrationEvenWhenRetried()
    {
        await host.EventAsync(Mention("Ev0003", SlackTestHost.Alice, "start A B"));
        await host.EventAsync(Mention("Ev0003", SlackTestHost.Alice, "start A B"), retry: 1);

        await host.Slack.WaitForAsync(() => host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == "1700000100.000200"), "the answer");
        Assert.Single(await host.MigrationsAsync());
    }

    [Theory]
    [InlineData(SlackTestHost.Stranger, "status", "not linked to a configured user")]
    [InlineData(SlackTestHost.Bob, "dance", "Unknown command 'dance'")]
    public async Task BadMention_GetsAnEphemeralAnswer(string user, string text, string expected)
    {
        await host.EventAsync(Mention($"Ev-{user}-{text}", user, text));

        var call = await host.Slack.WaitForAsync(() => host.Slack.Calls.FirstOrDefault(c => c.Method == "chat.postEphemeral"), "the ephemeral answer");
        Assert.Contains(expected, call.Body["text"]!.GetValue<string>());
        Assert.Equal(user, call.Body["user"]!.GetValue<string>());
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task MalformedJson_Event_Is400WithAReasonNot500()
    {
        var response = await host.SendAsync("/slack/events", "{\"type\":", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("\"event_callback\"")]
    public async Task NonObjectJson_Event_Is400Not500(string body)
    {
        var response = await host.SendAsync("/slack/events", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not the object Slack sends", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BotMessages_AndOtherEvents_AreAcknowledgedAndIgnored()
    {
        var bot = Mention("Ev0004", SlackTestHost.Bob, "status");
        bot["event"]!["bot_id"] = "B0OVM";
        var other = new JsonObject { ["type"] = "event_callback", ["event_id"] = "Ev0005", ["event"] = new JsonObject { ["type"] = "reaction_added" } };

        Assert.Equal(HttpStatusCode.OK, (await host.EventAsync(bot)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.EventAsync(other)).StatusCode);
        await Task.Delay(300);
        Assert.Empty(host.Slack.Calls);
    }
}
