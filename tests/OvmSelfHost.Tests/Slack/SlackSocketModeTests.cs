using System.Text.Json.Nodes;
using OvmSelfHost.Runbook.Tests.Fakes;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// Slack over Socket Mode against <see cref="FakeSlackSocket"/>: the bot connects out, every
/// envelope is acknowledged by its id, slash commands and clicks arrive as envelopes and go through
/// the same claims as over HTTP, and the bot connects again when asked to or when the socket drops.
/// </summary>
public sealed class SlackSocketModeTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SocketMode = new() { ["Slack:AppToken"] = FakeSlackSocket.AppToken };

    [Fact]
    public async Task TwoPhaseMigration_DrivenOnlyThroughSocketModeEnvelopes_CompletesAndAReplayedEnvelopeChangesNothing()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketMode);
        try
        {
            var socket = host.Slack.Socket;
            var start = await socket.EnvelopeAsync("slash_commands", Command(host, SlackTestHost.Alice, "start A B now", "socket-start"));
            Assert.Contains("Working on", start["payload"]!["text"]!.GetValue<string>());
            Assert.Contains("requested", await host.Slack.WaitForAsync(() => host.Slack.Responses("socket-start").FirstOrDefault(), "the start reply"));

            var decided = 0;
            while (await NextProposalAsync(host) is { } proposal)
            {
                var value = proposal.ButtonValue("gate.approve");
                foreach (var approver in new[] { SlackTestHost.Bob, SlackTestHost.Carol })
                {
                    var replyId = $"socket-vote-{decided}-{approver}";
                    var click = Click(host, approver, value, replyId);
                    var ack = await socket.EnvelopeAsync("interactive", click, envelopeId: replyId);
                    Assert.Equal(replyId, ack["envelope_id"]!.GetValue<string>());
                    var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the vote's answer");
                    Assert.Contains("approved", reply);
                    if (decided == 0)
                    {
                        // Slack redelivers an envelope it thinks unacknowledged: same id, next attempt.
                        var id = Guid.Parse((await host.MigrationsAsync()).Single().GetProperty("id").GetString()!);
                        var before = (await host.AuditAsync(id)).Length;
                        await socket.EnvelopeAsync("interactive", click, envelopeId: replyId, retryAttempt: 1);
                        await Task.Delay(500);
                        Assert.Equal(before, (await host.AuditAsync(id)).Length);
                        Assert.Single(host.Slack.Responses(replyId));
                    }

                    if (!reply.Contains("(1 of 2)", StringComparison.Ordinal))
                    {
                        break;
                    }
                }

                decided++;
                await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");
                if (decided == 1)
                {
                    await socket.RefreshAsync();
                }
                else if (decided == 2)
                {
                    await socket.DropAsync();
                }
            }

            Assert.Contains("Completed", host.Slack.TopLevel.Single().Text);
            Assert.True(socket.Connections >= 3, $"{socket.Connections} connections");
            output.WriteLine($"{decided} gates decided over {socket.Connections} Socket Mode connections.");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task ReplayedSlashCommandEnvelope_SameEnvelopeId_GetsTheFirstAnswerAndStartsNothingMore()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: SocketMode);
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

    private static async Task<FakeSlackMessage?> NextProposalAsync(SlackTestHost host)
    {
        var next = await host.Slack.WaitForAsync<object>(() =>
            host.Slack.OpenProposal() ?? (object?)host.Slack.TopLevel.FirstOrDefault(m => m.Text.Contains("Completed", StringComparison.Ordinal) || m.Text.Contains("Failed", StringComparison.Ordinal)),
            "a proposal or the end");
        return next as FakeSlackMessage is { ThreadTs: not null } proposal ? proposal : null;
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
