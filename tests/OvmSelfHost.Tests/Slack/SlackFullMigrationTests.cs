using OvmSelfHost.Runbook.Tests.Fakes;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackFullMigrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoPhaseMigration_DrivenOnlyThroughSlack_CompletesWithOneMessageAndNoLiveButtons()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm());
        try
        {
            var (_, _, startReply) = await host.CommandAsync(SlackTestHost.Alice, "start A B now");
            Assert.Contains("requested", await host.Slack.WaitForAsync(() => host.Slack.Responses(startReply).FirstOrDefault(), "the start reply"));

            var decided = await ApproveEveryGateAsync(host);

            var main = host.Slack.TopLevel.Single();
            Assert.Contains("Completed", main.Text);
            Assert.DoesNotContain(":white_large_square:", main.AllText);
            Assert.DoesNotContain(host.Slack.Messages, m => m.HasButtons);
            Assert.Equal(decided, host.Slack.Messages.Count(m => m.ThreadTs == main.Ts && m.AllText.Contains("approved <!date^", StringComparison.Ordinal)));
            Assert.True(main.Updates > 10);
            Assert.All(host.AnswerTimes, t => Assert.True(t < TimeSpan.FromSeconds(3), $"answered in {t}"));
            var (_, _, statusReply) = await host.CommandAsync(SlackTestHost.Bob, "status");
            Assert.Contains("Completed", await host.Slack.WaitForAsync(() => host.Slack.Responses(statusReply).FirstOrDefault(), "the status"));
            output.WriteLine($"{host.AnswerTimes.Count} Slack requests, slowest answer {host.AnswerTimes.Max().TotalMilliseconds:F0} ms; {decided} gates; {main.Updates} updates of the one message.");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    /// <returns>How many gates were decided.</returns>
    private static async Task<int> ApproveEveryGateAsync(SlackTestHost host)
    {
        var decided = 0;
        while (true)
        {
            var next = await host.Slack.WaitForAsync<object>(() =>
                host.Slack.OpenProposal() ?? (object?)host.Slack.TopLevel.FirstOrDefault(m => m.Text.Contains("Completed", StringComparison.Ordinal) || m.Text.Contains("Failed", StringComparison.Ordinal)),
                "a proposal or the end", 60);
            if (next is not FakeSlackMessage { ThreadTs: not null } proposal)
            {
                return decided;
            }

            var value = proposal.ButtonValue("gate.approve");
            foreach (var approver in new[] { SlackTestHost.Bob, SlackTestHost.Carol })
            {
                var (_, replyId) = await host.ClickAsync(approver, "gate.approve", value);
                var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the vote's answer");
                Assert.Contains("approved", reply);
                if (!reply.Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            decided++;
            await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");
        }
    }
}
