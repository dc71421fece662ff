using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackMessageTests
{
    [Fact]
    public async Task RateLimited_PostMessage_IsRetriedAfterRetryAfterAndPostedOnce()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            host.Slack.RateLimit("chat.postMessage", 1);

            await host.CommandAsync(SlackTestHost.Alice, "start A B");

            var main = await host.Slack.WaitForAsync(() => host.Slack.TopLevel.FirstOrDefault(), "the migration's message");
            var posts = host.Slack.Calls.Where(c => c.Method == "chat.postMessage").ToList();
            Assert.Equal(429, posts[0].Status);
            Assert.Equal(200, posts[1].Status);
            Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {posts[1].At - posts[0].At}");
            Assert.Single(host.Slack.TopLevel);
            Assert.NotNull(main);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Progress_UpdatesTheOneMessageInPlace_WithALinePerPhase_AndDetailsInTheThread()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            await host.CommandAsync(SlackTestHost.Alice, "start A B");
            await host.Slack.WaitForProposalAsync("CreateManagerVm");

            // The outbox may coalesce the first post with the gate's opening: the edit in place follows.
            var main = await host.Slack.WaitForAsync(() => host.Slack.TopLevel.SingleOrDefault(m => m.Updates >= 1), "an edit of the one message");
            Assert.Single(host.Slack.TopLevel);
            Assert.Contains("Phase 1 (B → VM in A)", main.AllText);
            Assert.Contains("Phase 2 (A → VM in B)", main.AllText);
            Assert.Contains(":white_check_mark:", main.AllText);
            Assert.Contains("AwaitingApproval", main.Text);
            // The thread's lines are relayed as a conversation of their own: wait for them rather than assume they came first.
            await host.Slack.WaitForAsync(() => host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == main.Ts && m.Text.Contains("Preflight", StringComparison.Ordinal)), "the Preflight line in the thread");
            Assert.DoesNotContain(host.Slack.Calls, c => c.Status == 200 && c.Method.StartsWith("chat.", StringComparison.Ordinal) && c.Body.ToJsonString().Contains(SlackRequest.SigningSecret, StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Restart_KeepsUpdatingTheSameMessage()
    {
        var ovm = new FakeOvm();
        var first = await SlackTestHost.StartAsync(ovm);
        var slack = first.Slack;
        var database = first.DatabaseFile;
        try
        {
            await first.CommandAsync(SlackTestHost.Alice, "start A B");
            var proposal = await slack.WaitForProposalAsync("CreateManagerVm");
            await Task.Delay(500); // the proposal's ts is saved right after Slack answers the post
            await first.DisposeAsync();

            var second = await SlackTestHost.StartAsync(ovm, database, slack);
            await using var _ = second;
            await second.ClickAsync(SlackTestHost.Bob, "gate.approve", proposal.ButtonValue("gate.approve"));

            await slack.WaitForAsync(() => slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal after the restart");
            Assert.Single(slack.TopLevel);
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }
}
