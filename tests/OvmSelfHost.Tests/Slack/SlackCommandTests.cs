using System.Net;
using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackCommandTests
{
    [Fact]
    public async Task Start_SlashCommand_AnswersAtOnceThenRepliesAndPostsOneMessage()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            var (response, body, replyId) = await host.CommandAsync(SlackTestHost.Alice, "start A B now");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ephemeral", JsonDocument.Parse(body).RootElement.GetProperty("response_type").GetString());
            Assert.Contains("Working on", body);
            var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the reply");
            Assert.Contains("requested by alice", reply);
            var main = await host.Slack.WaitForAsync(() => host.Slack.TopLevel.FirstOrDefault(), "the migration's message");
            Assert.Equal(FakeSlackApi.ChannelId, main.Channel);
            Assert.Single(await host.MigrationsAsync());
            Assert.All(host.Slack.Calls.Where(c => c.Method.StartsWith("chat.", StringComparison.Ordinal)), c => Assert.Equal("Bearer " + FakeSlackApi.Token, c.Authorization));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task SlowSlack_SlashCommand_IsAcknowledgedBeforeTheReplyReachesSlack()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            host.Slack.Delay = TimeSpan.FromSeconds(4);

            var (response, _, replyId) = await host.CommandAsync(SlackTestHost.Alice, "start A B");
            // Slack answers every call 4 s late: had the acknowledgement waited for the reply, the reply would be there.
            Assert.Empty(host.Slack.Responses(replyId));
            var (status, _, _) = await host.CommandAsync(SlackTestHost.Bob, "status");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the slow reply", 20);
            Assert.Contains("requested", reply);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Theory]
    [InlineData(SlackTestHost.Alice, "frobnicate A B", "Unknown command 'frobnicate'")]
    [InlineData(SlackTestHost.Stranger, "start A B", "not linked to a configured user")]
    public async Task BadCommand_SlashCommand_GetsAClearEphemeralAnswerAndChangesNothing(string user, string text, string expected)
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            var (response, body, replyId) = await host.CommandAsync(user, text);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
            Assert.Contains(expected, answer.GetProperty("text").GetString());
            await Task.Delay(300);
            Assert.Empty(await host.MigrationsAsync());
            Assert.Empty(host.Slack.Calls);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task RequesterRoleMissing_Start_IsRefusedInTheReply()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            var (_, _, replyId) = await host.CommandAsync(SlackTestHost.Bob, "start A B");

            var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the refusal");
            Assert.Contains("requester role", reply);
            Assert.Empty(await host.MigrationsAsync());
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Help_SlashCommand_IsAnsweredInTheAcknowledgement()
    {
        var host = await SlackTestHost.StartAsync();
        try
        {
            var (_, body, _) = await host.CommandAsync(SlackTestHost.Carol, "");

            Assert.Contains("/ovm approve <id>".Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal), JsonDocument.Parse(body).RootElement.GetProperty("text").GetString());
            Assert.Empty(host.Slack.Calls);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }
}
