using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.TestIdentityProvider.Teams;
using OvmSelfHost.Tests.Support;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Teams;

/// <summary>
/// Teams local mode (Teams:LocalMode, no app id or password) driven as the Microsoft 365 Agents
/// Playground drives it: unauthenticated activities on POST /api/messages, the bot's replies and card
/// going back to the Playground's loopback serviceUrl without a token; and never on a host reachable
/// from elsewhere.
/// </summary>
public sealed class TeamsLocalModeTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> LocalMode = new() { ["Teams:LocalMode"] = "true" };

    [Fact]
    public async Task LocalModeOnLoopback_PlaygroundDrivesAWholeMigration_EveryApprovalAndRepliesGoBackToItsServiceUrl()
    {
        await using var playground = new FakeAgentsPlayground();
        await playground.StartAsync();
        await using var factory = new HostFactory(new FakeOvm(), settings: LocalMode);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, playground.ConversationUpdate(TeamsTestHost.Alice, "Alice A"))).StatusCode);

        var started = await AskAsync(client, playground, TeamsTestHost.Alice, "Alice A", "start A B now");
        Assert.Contains("requested", started);
        var votes = 0;
        (string State, string? Gate) last = ("", null);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await client.GetFromJsonAsync<JsonElement>("/api/migrations")).EnumerateArray().Single();
            var now = (run.GetProperty("state").GetString()!, run.TryGetProperty("pendingGate", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null);
            if (now.Item1 is "Completed" or "Failed" or "Aborted" or "RolledBack" or "Rejected")
            {
                break;
            }

            if (now.Item2 is null || now == last)
            {
                await Task.Delay(50);
                continue;
            }

            foreach (var (aad, name) in new[] { (TeamsTestHost.Bob, "Bob B"), (TeamsTestHost.Carol, "Carol C") })
            {
                var answer = await AskAsync(client, playground, aad, name, $"approve {run.GetProperty("shortId").GetString()} {now.Item2}");
                votes++;
                Assert.Contains("approved", answer);
                if (!answer.Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            last = now;
        }

        var final = (await client.GetFromJsonAsync<JsonElement>("/api/migrations")).EnumerateArray().Single();
        Assert.Equal("Completed", final.GetProperty("state").GetString());
        var card = await playground.WaitForAsync(() => playground.Received.LastOrDefault(r => r.CardJson.Contains("Completed", StringComparison.Ordinal)), "the completed card");
        Assert.Equal(FakeAgentsPlayground.Conversation, card.ConversationId);
        Assert.All(playground.Received, r => Assert.Null(r.Authorization));
        Assert.True(votes >= 8, $"{votes} votes");
        output.WriteLine($"{votes} votes typed; {playground.Received.Count} activities sent to the Playground ({playground.Received.Count(r => r.Operation == "update")} card updates).");
    }

    [Fact]
    public async Task LocalModeOn_RequestThroughAProxy_IsRefusedWith403AndNothingHappens()
    {
        await using var playground = new FakeAgentsPlayground();
        await playground.StartAsync();
        await using var factory = new HostFactory(new FakeOvm(), settings: LocalMode);
        using var client = factory.CreateClient();

        var response = await PostAsync(client, playground.Message(TeamsTestHost.Alice, "Alice A", "start A B now"), ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reverse proxy", await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/migrations")).EnumerateArray());
        Assert.Empty(playground.Received);
    }

    [Fact]
    public async Task LocalModeOn_ServiceUrlNotLoopback_IsRefusedWith400SayingWhy()
    {
        await using var playground = new FakeAgentsPlayground();
        await playground.StartAsync();
        await using var factory = new HostFactory(new FakeOvm(), settings: LocalMode);
        using var client = factory.CreateClient();
        var message = playground.Message(TeamsTestHost.Alice, "Alice A", "status");
        message["serviceUrl"] = "https://smba.trafficmanager.net/amer/";

        var response = await PostAsync(client, message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loopback serviceUrl", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://0.0.0.0:16150")]
    [InlineData("http://127.0.0.1:16151;http://192.0.2.10:16152")]
    [InlineData("http://*:16153")]
    public void LocalModeOn_HostListensBeyondLoopback_RefusesToStartNamingTheAddress(string urls)
    {
        using var factory = new HostFactory(new FakeOvm(), settings: new Dictionary<string, string> { ["Teams:LocalMode"] = "true", ["urls"] = urls });

        var refused = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Teams:LocalMode", refused.Message);
        Assert.Contains("loopback alone", refused.Message);
    }

    private static async Task<string> AskAsync(HttpClient client, FakeAgentsPlayground playground, string aad, string name, string text)
    {
        var message = playground.Message(aad, name, text);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, message)).StatusCode);
        var id = message["id"]!.GetValue<string>();
        return await playground.WaitForAsync(() => playground.Replies(id).FirstOrDefault(), $"the reply to '{text}'");
    }

    /// <summary>POST /api/messages as the Playground does it: JSON, no Authorization header.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject activity, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
