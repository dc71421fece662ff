using System.Net;
using System.Text.Json.Nodes;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.TestIdentityProvider.Slack;
using OvmSelfHost.Tests.Support;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// Slack over Socket Mode against <see cref="FakeSlackSocket"/>, with the HTTP endpoints off (no
/// signing secret): the bot connects out with the app-level token, every envelope is acknowledged by
/// its id, slash commands and clicks arrive as envelopes and go through the same delivery claims as
/// over HTTP, and the bot connects again when Slack sends <c>disconnect</c> or the socket drops.
/// </summary>
public sealed class SlackSocketModeTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SocketOnly = new()
    {
        ["Slack:AppToken"] = FakeSlackSocket.AppToken,
        ["Slack:SigningSecret"] = "",
    };

    [Fact]
    public async Task SocketModeOnly_WholeTwoPhaseMigrationThroughEnvelopes_Completes()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketOnly);
        try
        {
            var socket = host.Slack.Socket;
            var start = await socket.EnvelopeAsync("slash_commands", Command(host, SlackTestHost.Alice, "start A B now", "socket-start"));
            Assert.Contains("Working on", start["payload"]!["text"]!.GetValue<string>());
            Assert.Contains("requested", await host.Slack.WaitForAsync(() => host.Slack.Responses("socket-start").FirstOrDefault(), "the start reply"));

            var votes = 0;
            var decided = await host.ApproveEveryGateAsync(vote: async (approver, value) =>
            {
                var replyId = $"socket-vote-{++votes}";
                var ack = await socket.EnvelopeAsync("interactive", Click(host, approver, value, replyId), envelopeId: replyId);
                Assert.Equal(replyId, ack["envelope_id"]!.GetValue<string>());
                return replyId;
            });

            Assert.Contains("Completed", host.Slack.TopLevel.Single().Text);
            var run = (await host.MigrationsAsync()).Single();
            Assert.Equal("Completed", run.GetProperty("state").GetString());
            var approvals = (await host.AuditAsync(run.GetProperty("id").GetGuid())).Count(e => e.GetProperty("action").GetString() == "approved");
            Assert.True(decided > 1 && approvals == votes, $"{decided} gates, {votes} votes sent, {approvals} approvals in the audit");
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/slack/commands", new StringContent("text=status"))).StatusCode);
            Assert.DoesNotContain(host.Slack.Calls, c => c.Body.ToJsonString().Contains(FakeSlackSocket.AppToken, StringComparison.Ordinal));
            output.WriteLine($"{decided} gates decided with {votes} votes over {socket.Connections} Socket Mode connection(s).");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task RedeliveredClickEnvelope_SameEnvelopeId_IsAcknowledgedAndCountsOnce()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketOnly);
        try
        {
            var socket = host.Slack.Socket;
            await socket.EnvelopeAsync("slash_commands", Command(host, SlackTestHost.Alice, "start A B", "socket-start"));
            var proposal = await host.Slack.WaitForProposalAsync("CreateManagerVm");
            var click = Click(host, SlackTestHost.Bob, proposal.ButtonValue("gate.approve"), "socket-click");

            var first = await socket.EnvelopeAsync("interactive", click, envelopeId: "env-click");
            Assert.Contains("approved (1 of 1)", await host.Slack.WaitForAsync(() => host.Slack.Responses("socket-click").FirstOrDefault(), "the click's answer"));
            await host.Slack.WaitForProposalAsync("InstallManager");
            var again = await socket.EnvelopeAsync("interactive", click, envelopeId: "env-click", retryAttempt: 1);

            Assert.Equal("env-click", first["envelope_id"]!.GetValue<string>());
            Assert.Equal("env-click", again["envelope_id"]!.GetValue<string>());
            var id = (await host.MigrationsAsync()).Single().GetProperty("id").GetGuid();
            await Replays.AssertOnlyTheFirstApprovalAsync(host.MigrationsAsync, host.AuditAsync, id);
            Assert.Single(host.Slack.Responses("socket-click"));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task ReplayedSlashCommandEnvelope_SameEnvelopeId_GetsTheFirstAnswerAndStartsNothingMore()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketOnly);
        try
        {
            var command = Command(host, SlackTestHost.Alice, "start A B now", "socket-once");
            await host.Slack.Socket.EnvelopeAsync("slash_commands", command, envelopeId: "env-start");
            var first = await host.Slack.WaitForAsync(() => host.Slack.Responses("socket-once").FirstOrDefault(), "the start reply");

            var again = await host.Slack.Socket.EnvelopeAsync("slash_commands", command, envelopeId: "env-start", retryAttempt: 1);

            Assert.Contains("requested", first);
            Assert.Contains("requested", again["payload"]!["text"]!.GetValue<string>());
            Assert.Single(await host.MigrationsAsync());
            Assert.Single(host.Slack.Responses("socket-once"));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task DisconnectMessageThenDroppedSocket_BotConnectsAgain_AndTheNextCommandIsAnswered()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketOnly);
        try
        {
            var socket = host.Slack.Socket;
            await socket.WaitForConnectionsAsync(1);

            await socket.RefreshAsync();
            await socket.DropAsync();
            var ack = await socket.EnvelopeAsync("slash_commands", Command(host, SlackTestHost.Bob, "envs", "socket-envs"), envelopeId: "env-after");

            Assert.True(socket.Connections >= 3, $"{socket.Connections} connections");
            Assert.Equal("env-after", ack["envelope_id"]!.GetValue<string>());
            Assert.NotEmpty(await host.Slack.WaitForAsync(() => host.Slack.Responses("socket-envs").FirstOrDefault(), "the envs reply"));
            Assert.Equal(socket.Connections, host.Slack.Calls.Count(c => c.Method == "apps.connections.open"));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task WrongAppToken_ConnectionsOpen_IsRefusedAndNoSocketIsOpened()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: new Dictionary<string, string>
        {
            ["Slack:AppToken"] = "xapp-1-not-the-right-one",
            ["Slack:SigningSecret"] = "",
        });
        try
        {
            await host.Slack.WaitForAsync(() => host.Slack.Calls.FirstOrDefault(c => c.Method == "apps.connections.open"), "the bot's attempt to connect");
            await Task.Delay(300);

            Assert.Equal(0, host.Slack.Socket.Connections);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    /// <summary>A slash command's fields as Socket Mode carries them: the HTTP form as a JSON object.</summary>
    private static JsonObject Command(SlackTestHost host, string userId, string text, string responseId) => new()
    {
        ["token"] = "deprecated", ["team_id"] = "T0TEAM", ["channel_id"] = FakeSlackApi.ChannelId, ["user_id"] = userId,
        ["command"] = "/ovm", ["text"] = text, ["response_url"] = host.Slack.ResponseUrl(responseId), ["trigger_id"] = "1.2.3",
    };

    /// <summary>A block_actions payload as Socket Mode carries it: the HTTP form's payload field, as JSON.</summary>
    private static JsonObject Click(SlackTestHost host, string userId, string value, string responseId)
    {
        var form = SlackTestHost.ClickBody(userId, "gate.approve", value, host.Slack.ResponseUrl(responseId));
        return JsonNode.Parse(Uri.UnescapeDataString(form["payload=".Length..]))!.AsObject();
    }
}
