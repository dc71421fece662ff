using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Chat.Outbox;
using OvmSelfHost.Chat.Slack.Outbox;
using OvmSelfHost.Outbox;
using OvmSelfHost.Storage;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>The Slack target shows the run as stored when it delivers, which may be past the rows the relay read before.</summary>
public sealed class SlackThreadOrderTests
{
    [Fact]
    public async Task RunMovedOnAfterTheRelayReadItsRows_Delivered_ProposalFollowsTheLineThatAnnouncesIt()
    {
        var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: Outages.QuickRetries);
        try
        {
            var slack = host.Slack;
            var services = host.Factory.Services;
            await host.CommandAsync(SlackTestHost.Alice, "start A B");
            var first = await slack.WaitForProposalAsync("CreateManagerVm");
            await slack.BeginOutageAsync(FakeOutageKind.ServiceUnavailable);
            await host.ClickAsync(SlackTestHost.Bob, "gate.approve", first.ButtonValue("gate.approve"));
            var run = await Outages.WaitForPendingGateAsync(host.MigrationsAsync, "InstallManager");
            var conversation = OutboxMessage.RunConversation(Guid.Parse(run.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
            await KeepTheRelayAwayAsync(services, conversation);
            await Task.Delay(500); // an attempt begun before fails on the outage
            await slack.EndOutageAsync();

            // The rows as a relay would have read them a moment before the run reached InstallManager's gate.
            var rows = (await services.GetRequiredService<IOutboxStore>().NextAsync([SlackRunPublisher.ChannelName], DateTimeOffset.UtcNow.AddHours(2), 20, 200, default))
                .Where(r => r.Conversation == conversation).ToList();
            var announcing = rows.FindIndex(r => r.Line?.Contains("InstallManager waits for", StringComparison.Ordinal) == true);
            Assert.True(announcing > 0, "rows before and including the line that announces the gate wait for delivery");
            var target = services.GetServices<IOutboxTarget>().Single(t => t.Channel == SlackRunPublisher.ChannelName);
            await target.DeliverAsync(rows[..announcing], OutboxHold.Unconditional, default);

            var proposal = Assert.Single(slack.Messages, m => m.HasButtons && m.ButtonValue("gate.approve").Contains(".InstallManager.", StringComparison.Ordinal));
            var main = Assert.Single(slack.TopLevel);
            var thread = slack.Messages.Where(m => m.ThreadTs == main.Ts).OrderBy(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture)).ToList();
            var waits = thread.FindIndex(m => m.Text.Contains("InstallManager waits for", StringComparison.Ordinal));
            Assert.True(waits >= 0, "the thread says that InstallManager waits");
            Assert.True(thread.IndexOf(proposal) > waits, "the proposal follows the line that announces it");
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }

    /// <summary>Hands the conversation's relay lease to a replica that does not exist, for an hour: this host's relay leaves it alone.</summary>
    private static async Task KeepTheRelayAwayAsync(IServiceProvider services, string conversation)
    {
        var key = EfLeases.ConversationKey(SlackRunPublisher.ChannelName, conversation);
        await using var db = await services.GetRequiredService<IDbContextFactory<MigrationDbContext>>().CreateDbContextAsync();
        var until = DateTime.UtcNow.AddHours(1);
        var taken = await db.Leases.Where(l => l.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Instance, "elsewhere/0").SetProperty(l => l.Replica, "elsewhere").SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.Released, false));
        Assert.Equal(1, taken);
    }
}
