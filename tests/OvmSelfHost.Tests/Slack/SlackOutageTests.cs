using System.Globalization;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>Slack's Web API down while a gate opens: the outbox delays the proposal, never drops it, and posts nothing twice.</summary>
public sealed class SlackOutageTests
{
    [Theory]
    [InlineData(FakeOutageKind.ServiceUnavailable)]
    [InlineData(FakeOutageKind.RateLimited)]
    [InlineData(FakeOutageKind.Refused)]
    public async Task SlackDownWhenAGateOpens_OutageEnds_ProposalIsPostedOnceAfterItInOrderWithTheLines(FakeOutageKind kind)
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: Outages.QuickRetries);
        try
        {
            var slack = host.Slack;
            await host.CommandAsync(SlackTestHost.Alice, "start A B");
            var first = await slack.WaitForProposalAsync("CreateManagerVm");

            await slack.BeginOutageAsync(kind);
            await host.ClickAsync(SlackTestHost.Bob, "gate.approve", first.ButtonValue("gate.approve"));
            await Outages.WaitForPendingGateAsync(host.MigrationsAsync, "InstallManager");
            await Task.Delay(Outages.Length);
            Assert.Null(InstallManagerProposal(slack));
            await slack.EndOutageAsync();

            var proposal = await slack.WaitForProposalAsync("InstallManager");
            await Task.Delay(1000); // anything still on its way would show up as a second copy
            Assert.Single(slack.Messages, m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".InstallManager.", StringComparison.Ordinal));
            var posted = slack.Calls.Single(c => c is { Method: "chat.postMessage", Status: 200 } && c.Body.ToJsonString().Contains(".InstallManager.", StringComparison.Ordinal));
            Assert.True(posted.At >= slack.Outage.EndedAt, $"posted at {posted.At:O}, the outage ended at {slack.Outage.EndedAt:O}");

            var main = Assert.Single(slack.TopLevel);
            var thread = slack.Messages.Where(m => m.ThreadTs == main.Ts).OrderBy(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture)).ToList();
            var waits = thread.FindIndex(m => m.Text.Contains("InstallManager waits for", StringComparison.Ordinal));
            Assert.True(waits >= 0, "the thread says that InstallManager waits");
            Assert.True(thread.IndexOf(proposal) > waits, "the proposal follows the line that announces it");
            Assert.True(thread.FindIndex(m => m.Ts == first.Ts) < waits, "the first gate's proposal came before");
            var lines = thread.Where(m => !m.HasButtons && m.Ts != first.Ts).SelectMany(m => m.Text.Split('\n')).ToList();
            Assert.Equal(lines.Count, lines.Distinct().Count());
            Assert.False(slack.Messages.Single(m => m.Ts == first.Ts).HasButtons, "the decided gate's buttons were replaced after the outage");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task SlackDownWhenAGateOpens_GateDecidedBeforeTheOutageEnds_ItsCardIsPostedOnceShowingTheDecision()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: Outages.QuickRetries);
        try
        {
            var slack = host.Slack;
            await host.CommandAsync(SlackTestHost.Alice, "start A B");
            var first = await slack.WaitForProposalAsync("CreateManagerVm");

            await slack.BeginOutageAsync(FakeOutageKind.ServiceUnavailable);
            await host.ClickAsync(SlackTestHost.Bob, "gate.approve", first.ButtonValue("gate.approve"));
            var run = await Outages.WaitForPendingGateAsync(host.MigrationsAsync, "InstallManager");
            await host.CommandAsync(SlackTestHost.Bob, $"approve {run.GetProperty("id").GetString()} InstallManager");
            await Outages.WaitForPendingGateAsync(host.MigrationsAsync, "StopOldManager");
            await slack.EndOutageAsync();

            await slack.WaitForProposalAsync("StopOldManager");
            await Task.Delay(1000); // anything still on its way would show up as a second copy
            var install = Assert.Single(slack.Messages, m => m.Metadata?.ToJsonString().Contains(".InstallManager.", StringComparison.Ordinal) == true);
            Assert.False(install.HasButtons, "a decided gate's card offers no vote");
            Assert.Contains("bob", install.Blocks.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task SlackDownAndHostStoppedBeforeDelivery_NewHostStarts_DeliversTheRowsOnceAndNothingAcceptedAgain()
    {
        var ovm = new FakeOvm();
        var first = await SlackTestHost.StartAsync(ovm, settings: Outages.QuickRetries);
        var slack = first.Slack;
        try
        {
            await first.CommandAsync(SlackTestHost.Alice, "start A B");
            var gate = await slack.WaitForProposalAsync("CreateManagerVm");
            await slack.BeginOutageAsync(FakeOutageKind.ServiceUnavailable);
            await first.ClickAsync(SlackTestHost.Bob, "gate.approve", gate.ButtonValue("gate.approve"));
            await Outages.WaitForPendingGateAsync(first.MigrationsAsync, "InstallManager");
            var acceptedBefore = Accepted(slack);
            await first.DisposeAsync();
            await slack.EndOutageAsync();

            await using var second = await SlackTestHost.StartAsync(ovm, first.DatabaseFile, slack, Outages.QuickRetries);
            await slack.WaitForProposalAsync("InstallManager");
            await Task.Delay(1500);

            Assert.NotNull(InstallManagerProposal(slack));
            Assert.Single(slack.Messages, m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".InstallManager.", StringComparison.Ordinal));
            Assert.Single(slack.TopLevel);
            var acceptedAll = Accepted(slack);
            Assert.All(acceptedBefore, body => Assert.Equal(1, acceptedAll.Count(b => b == body)));
            Assert.Contains(slack.Messages, m => m.Text.Contains("InstallManager waits for", StringComparison.Ordinal));
        }
        finally
        {
            await slack.DisposeAsync();
        }
    }

    private static FakeSlackMessage? InstallManagerProposal(FakeSlackApi slack) =>
        slack.Messages.FirstOrDefault(m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".InstallManager.", StringComparison.Ordinal));

    /// <summary>The bodies of every post Slack accepted.</summary>
    private static List<string> Accepted(FakeSlackApi slack) =>
        slack.Calls.Where(c => c is { Method: "chat.postMessage", Status: 200 }).Select(c => c.Body.ToJsonString()).ToList();
}
