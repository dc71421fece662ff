using System.Globalization;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// Slack accepted a post but the bot never heard so (the connection dropped, or the bot was killed before it
/// remembered the message): the next delivery looks in Slack first, finds the post by its metadata and does
/// not post it again.
/// </summary>
public sealed class SlackLostAnswerTests
{
    [Fact]
    public async Task RunMessageAcceptedButAnswerLost_DeliveryTriedAgain_ChannelHasOneRunMessage()
    {
        await using var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: Outages.QuickRetries);
        var slack = host.Slack;
        slack.LoseAnswers("chat.postMessage", 1);

        await host.CommandAsync(SlackTestHost.Alice, "start A B");
        await slack.WaitForProposalAsync("CreateManagerVm");
        await Task.Delay(1000); // a second copy still on its way would show up

        Assert.Single(slack.TopLevel);
        Assert.Contains(slack.Calls, c => c.Method == "conversations.history");
        Assert.Single(slack.Messages, m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".CreateManagerVm.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreadLinesAndProposalAcceptedButAnswersLost_DeliveriesTriedAgain_EachPostedOnceInOrder()
    {
        await using var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: Outages.QuickRetries);
        var slack = host.Slack;
        await host.CommandAsync(SlackTestHost.Alice, "start A B");
        var first = await slack.WaitForProposalAsync("CreateManagerVm");

        slack.LoseAnswers("chat.postMessage", 3);
        await host.ClickAsync(SlackTestHost.Bob, "gate.approve", first.ButtonValue("gate.approve"));
        await slack.WaitForProposalAsync("InstallManager");
        await Task.Delay(1500);

        Assert.Single(slack.Messages, m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".InstallManager.", StringComparison.Ordinal));
        Assert.Contains(slack.Calls, c => c.Method == "conversations.replies");
        var main = Assert.Single(slack.TopLevel);
        var lines = slack.Messages.Where(m => m.ThreadTs == main.Ts && !m.HasButtons && m.Ts != first.Ts)
            .OrderBy(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture))
            .SelectMany(m => m.Text.Split('\n')).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(lines.Distinct().ToList(), lines);
        Assert.Contains(lines, l => l.Contains("InstallManager waits for", StringComparison.Ordinal));
    }
}
