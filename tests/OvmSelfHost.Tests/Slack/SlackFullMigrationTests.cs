using OvmSelfHost.TestSupport.Fakes;
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

            var decided = await host.ApproveEveryGateAsync();

            var main = host.Slack.TopLevel.Single();
            Assert.Contains("Completed", main.Text);
            Assert.DoesNotContain(":white_large_square:", main.AllText);
            Assert.DoesNotContain(host.Slack.Messages, m => m.HasButtons);
            Assert.Equal(decided, host.Slack.Messages.Count(m => m.ThreadTs == main.Ts && m.AllText.Contains("approved <!date^", StringComparison.Ordinal)));
            Assert.True(main.Updates > 10);
            var (_, _, statusReply) = await host.CommandAsync(SlackTestHost.Bob, "status");
            Assert.Contains("· completed ·", await host.Slack.WaitForAsync(() => host.Slack.Responses(statusReply).FirstOrDefault(), "the status"));
            output.WriteLine($"{host.AnswerTimes.Count} Slack requests, slowest answer {host.AnswerTimes.Max().TotalMilliseconds:F0} ms; {decided} gates; {main.Updates} updates of the one message.");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }
}
