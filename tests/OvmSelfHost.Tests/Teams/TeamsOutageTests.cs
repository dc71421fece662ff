using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Teams;

/// <summary>The Bot Connector down while a gate opens: the outbox delays the card's update, never drops it.</summary>
public sealed class TeamsOutageTests
{
    [Theory]
    [InlineData(FakeOutageKind.ServiceUnavailable)]
    [InlineData(FakeOutageKind.RateLimited)]
    [InlineData(FakeOutageKind.Refused)]
    public async Task ConnectorDownWhenAGateOpens_OutageEnds_TheOneCardShowsTheGateAfterIt(FakeOutageKind kind)
    {
        await using var host = await TeamsTestHost.StartAsync(new FakeOvm(), Outages.QuickRetries);
        var bot = host.Bot;
        var id = await host.StartAsync("start A B");
        var card = await host.WaitForOpenGateAsync(id, "CreateManagerVm");
        await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => ShowsGate(c, "CreateManagerVm")), "the card with the first gate");

        await bot.BeginOutageAsync(kind);
        await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!));
        await Outages.WaitForPendingGateAsync(host.MigrationsAsync, "InstallManager");
        await Task.Delay(Outages.Length);
        Assert.False(ShowsGate(bot.Cards.Single(), "InstallManager"), "the card cannot have changed while the Connector was down");
        await bot.EndOutageAsync();

        var shown = await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => ShowsGate(c, "InstallManager")), "the card with the InstallManager gate");
        Assert.Single(bot.Cards);
        var update = bot.Calls.Last(c => c.Operation == "update" && c.ActivityId == shown.Id);
        Assert.True(update.At >= bot.Outage.EndedAt, $"updated at {update.At:O}, the outage ended at {bot.Outage.EndedAt:O}");
        if (kind != FakeOutageKind.Refused)
        {
            Assert.Contains(bot.Calls, c => c.Operation == $"update:{bot.Outage.Status}");
        }
    }

    [Fact]
    public async Task ConnectorDownAndHostStoppedBeforeDelivery_NewHostStarts_UpdatesTheSameCard()
    {
        var ovm = new FakeOvm();
        await using var bot = new FakeBotFramework();
        await bot.StartAsync();
        var first = await TeamsTestHost.StartAsync(ovm, Outages.QuickRetries, bot: bot);
        var id = await first.StartAsync("start A B");
        var card = await first.WaitForOpenGateAsync(id, "CreateManagerVm");
        await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => ShowsGate(c, "CreateManagerVm")), "the card with the first gate");
        await bot.BeginOutageAsync(FakeOutageKind.ServiceUnavailable);
        await first.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!));
        await Outages.WaitForPendingGateAsync(first.MigrationsAsync, "InstallManager");
        await first.DisposeAsync();
        await bot.EndOutageAsync();

        await using var second = await TeamsTestHost.StartAsync(ovm, Outages.QuickRetries, first.DatabaseFile, bot);
        await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => ShowsGate(c, "InstallManager")), "the InstallManager gate on the same card");

        Assert.Single(bot.Cards);
        Assert.Single(bot.Calls, c => c.Operation is "send" or "create");
    }

    /// <summary>The card as everyone sees it asks for the approval of <paramref name="gate"/> (by the step's title).</summary>
    private static bool ShowsGate(FakeTeamsActivity card, string gate) =>
        card.CardText.Contains($"Approval needed: {Procedure.Step(Enum.Parse<StepKind>(gate)).Title}", StringComparison.Ordinal);
}
