using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Teams;

public sealed class TeamsRestartTests
{
    [Fact]
    public async Task Restart_KeepsUpdatingTheSameCard_AtTheStoredServiceUrl()
    {
        var ovm = new FakeOvm();
        await using var bot = new FakeBotFramework();
        await bot.StartAsync();
        var first = await TeamsTestHost.StartAsync(ovm, bot: bot);
        var id = await first.StartAsync("start A B");
        var card = await first.WaitForOpenGateAsync(id, "CreateManagerVm");
        await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approval needed", StringComparison.Ordinal)), "the card");
        await Task.Delay(500); // the card's activity id is saved right after the Connector answers
        await first.DisposeAsync();

        await using var second = await TeamsTestHost.StartAsync(ovm, databaseFile: first.DatabaseFile, bot: bot);
        var answer = (await second.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!))).CardOf();

        Assert.Contains("CreateManagerVm approved (1 of 1)", answer.ToJsonString());
        await bot.WaitForAsync(() => bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approved: Create", StringComparison.Ordinal)), "the same card, updated after the restart");
        Assert.Single(bot.Cards);
    }
}
