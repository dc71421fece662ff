using OvmSelfHost.TestSupport.Fakes;
using Xunit.Abstractions;

namespace OvmSelfHost.Tests.Teams;

public sealed class TeamsFullMigrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoPhaseMigration_DrivenOnlyThroughTeams_CompletesWithOneCardAndNoLiveButtons()
    {
        await using var host = await TeamsTestHost.StartAsync(new FakeOvm());
        var id = await host.StartAsync();

        var decided = await host.ApproveEveryGateAsync(id);

        var card = await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("**Completed**", StringComparison.Ordinal)), "the completed card");
        Assert.Single(host.Bot.Cards);
        Assert.False(card.HasButtons);
        Assert.Null(card.Card!["refresh"]);
        Assert.DoesNotContain("⬜", card.CardText);
        Assert.True(decided >= 8, $"{decided} gates");
        Assert.Equal(decided, CountOf(card.CardText, "Approved: "));
        // Edited in place, never posted again; how many edits depends on how many changes the relay coalesced.
        Assert.True(card.Updates > 0, $"the card was updated {card.Updates} times");
        Assert.Single(host.Bot.Calls, c => c.Operation == "token");
        Assert.Contains("State: completed", await host.AskAsync(TeamsTestHost.Bob, "status"));
        output.WriteLine($"{host.AnswerTimes.Count} activities, slowest answer {host.AnswerTimes.Max().TotalMilliseconds:F0} ms; {decided} gates; {card.Updates} updates of the one card.");
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
