using System.Net;
using System.Text.Json.Nodes;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Teams;

/// <summary>
/// Teams activities delivered again, on the same host and on a host restarted over the same
/// database: no second effect, and an invoke gets its first answer again. A typed approval would
/// have landed on the next gate after a restart when activity ids were remembered in memory.
/// </summary>
public sealed class TeamsReplayTests
{
    [Fact]
    public async Task RedeliveredTypedApproval_BeforeAndAfterARestart_NeverLandsOnTheNextGate()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, shortId) = await runs.AtFirstGateAsync();
        var message = runs.Host.Message(TeamsTestHost.Bob, $"approve {shortId} CreateManagerVm", id: "typed-approval-1");
        await runs.Host.SendAsync(message);
        var reply = await runs.Host.Bot.WaitForAsync(() => runs.Host.Bot.Replies("typed-approval-1").FirstOrDefault(), "the reply");
        Assert.Contains("CreateManagerVm approved (1 of 1)", reply);
        await runs.Host.WaitForOpenGateAsync(id, "InstallManager");

        var again = await runs.Host.SendAsync(message);
        await runs.RestartAsync();
        var afterRestart = await runs.Host.SendAsync(runs.Host.Message(TeamsTestHost.Bob, $"approve {shortId} CreateManagerVm", id: "typed-approval-1"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        await runs.AssertOnlyTheFirstApprovalAsync(id);
        Assert.Single(runs.Host.Bot.Replies("typed-approval-1"));
    }

    [Fact]
    public async Task RetriedInvoke_BeforeAndAfterARestart_ChangesNothingAndGetsTheFirstAnswer()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, _) = await runs.AtFirstGateAsync();
        var card = await runs.Host.WaitForOpenGateAsync(id, "CreateManagerVm");
        var invoke = runs.Host.Invoke(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!), id: "invoke-approve-1");
        var first = JsonNode.Parse(await (await runs.Host.SendAsync(invoke)).Content.ReadAsStringAsync());
        Assert.Contains("CreateManagerVm approved (1 of 1)", first!.ToJsonString());
        await runs.Host.WaitForOpenGateAsync(id, "InstallManager");

        var again = JsonNode.Parse(await (await runs.Host.SendAsync(invoke)).Content.ReadAsStringAsync());
        await runs.RestartAsync();
        var afterRestart = JsonNode.Parse(await (await runs.Host.SendAsync(invoke)).Content.ReadAsStringAsync());

        Assert.True(JsonNode.DeepEquals(first, again), $"{first}\n!=\n{again}");
        Assert.True(JsonNode.DeepEquals(first, afterRestart), $"{first}\n!=\n{afterRestart}");
        await runs.AssertOnlyTheFirstApprovalAsync(id);
    }

    [Fact]
    public async Task TypedApproval_OfAGateThatIsNotWaiting_SaysWhatWaits_AndRecordsNothing()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, shortId) = await runs.AtFirstGateAsync();

        var reply = await runs.Host.AskAsync(TeamsTestHost.Bob, $"approve {shortId} StopOldManager");

        Assert.Contains($"StopOldManager is not waiting: {shortId} waits on CreateManagerVm of phase 1", reply);
        Assert.Contains($"/ovm approve {shortId} CreateManagerVm", reply);
        Assert.DoesNotContain(await runs.Host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved");
    }

    /// <summary>A Teams host over one database, one fake Bot Framework and Oracle VM, that can be restarted.</summary>
    private sealed class Restartable : IAsyncDisposable
    {
        private readonly FakeOvm ovm;
        private readonly FakeBotFramework bot;

        private Restartable(FakeOvm ovm, FakeBotFramework bot, TeamsTestHost host) => (this.ovm, this.bot, Host) = (ovm, bot, host);

        public TeamsTestHost Host { get; private set; }

        public static async Task<Restartable> StartAsync()
        {
            var ovm = new FakeOvm();
            var bot = new FakeBotFramework();
            await bot.StartAsync();
            return new Restartable(ovm, bot, await TeamsTestHost.StartAsync(ovm, bot: bot));
        }

        public async Task<(Guid Id, string ShortId)> AtFirstGateAsync()
        {
            var id = await Host.StartAsync("start A B");
            await Host.WaitForOpenGateAsync(id, "CreateManagerVm");
            return (id, id.ToString("N")[..8]);
        }

        public async Task RestartAsync()
        {
            await Host.DisposeAsync();
            Host = await TeamsTestHost.StartAsync(ovm, databaseFile: Host.DatabaseFile, bot: bot);
        }

        public Task AssertOnlyTheFirstApprovalAsync(Guid id) => Replays.AssertOnlyTheFirstApprovalAsync(Host.MigrationsAsync, Host.AuditAsync, id);

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await bot.DisposeAsync();
        }
    }
}
