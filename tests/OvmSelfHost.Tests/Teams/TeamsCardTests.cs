using System.Net;
using System.Text.Json.Nodes;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.TestSupport.Ordering;

namespace OvmSelfHost.Tests.Teams;

[LongRunning(40)]
public sealed class TeamsCardTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync(new FakeOvm());

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<(Guid Id, JsonObject Card)> StartAndWaitForFirstGateAsync()
    {
        var id = await host.StartAsync("start A B");
        return (id, await host.WaitForOpenGateAsync(id, "CreateManagerVm"));
    }

    /// <summary>bob approves the gates before the cutover; returns bob's card of the cutover gate (two approvers, dangerous).</summary>
    private async Task<(Guid Id, JsonObject Card)> AtCutoverGateAsync()
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();
        await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!));
        var install = await host.WaitForOpenGateAsync(id, "InstallManager");
        await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", install.Proposal()!));
        return (id, await host.WaitForOpenGateAsync(id, "StopOldManager"));
    }

    [Fact]
    public async Task StartedFromTeams_CardIsPostedInThatConversation_WithStatusForEveryoneAndRefreshForApprovers()
    {
        var (id, _) = await StartAndWaitForFirstGateAsync();

        var card = await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approval needed", StringComparison.Ordinal)), "the card with the gate");
        Assert.Equal(TeamsTestHost.Channel + ";messageid=1575667808184", card.ConversationId);
        Assert.False(card.HasButtons);
        Assert.Contains("What will happen", card.CardText);
        Assert.Contains("Target", card.CardText);
        Assert.Contains("Risk", card.CardText);
        var refresh = card.Card!["refresh"]!;
        Assert.Equal("run.refresh", refresh["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(id.ToString("N"), refresh["action"]!["data"]!["migration"]!.GetValue<string>());
        var userIds = refresh["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        Assert.Contains("8:orgid:" + TeamsTestHost.Bob, userIds);
        Assert.Contains("8:orgid:" + TeamsTestHost.Carol, userIds);
        Assert.DoesNotContain(userIds, u => u.Contains("a11ce000", StringComparison.Ordinal));
        Assert.Single(host.Bot.Cards);
    }

    [Fact]
    public async Task Refresh_ShowsApproveRejectToApprovers_AndOnlyTheStatusToOthers()
    {
        var (id, bobs) = await StartAndWaitForFirstGateAsync();

        var alices = (await host.InvokeAsync(TeamsTestHost.Alice, "run.refresh", TeamsCards.Data("migration", id.ToString("N")))).CardOf();

        Assert.Equal(["gate.approve", "gate.reject"], bobs.Buttons().Select(b => b["verb"]!.GetValue<string>()));
        Assert.Equal(["positive", "destructive"], bobs.Buttons().Select(b => b["style"]!.GetValue<string>()));
        Assert.Empty(alices.Buttons());
        Assert.Contains("Approval needed", alices.ToJsonString());
    }

    [Fact]
    public async Task Approve_IsAnsweredWithTheUpdatedCard_AndTheSharedCardIsUpdatedWithoutButtons()
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();
        // The card must be posted before the vote, or the approval would show in its first post, not an update.
        await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approval needed", StringComparison.Ordinal)), "the posted card");

        var answer = (await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!))).CardOf();

        Assert.Contains("CreateManagerVm approved (1 of 1)", answer.ToJsonString());
        var shared = await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approved: Create", StringComparison.Ordinal)), "the card showing the decision");
        Assert.Contains("bob approved", shared.CardText);
        Assert.Contains("via teams", shared.CardText);
        Assert.True(shared.Updates >= 1);
        Assert.Single(host.Bot.Cards);
        var audit = await host.AuditAsync(id);
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "approved" && e.GetProperty("actor").GetString() == "bob" && e.GetProperty("channel").GetString() == "teams");
    }

    [Fact]
    public async Task DuplicateInvoke_TeamsRetry_CountsOnce()
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();
        var invoke = host.Invoke(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!), id: "retried-invoke");

        var answers = await Task.WhenAll(host.SendAsync(invoke), host.SendAsync(invoke), host.SendAsync(invoke));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await Task.Delay(500);
        Assert.Single(await host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved");
    }

    [Fact]
    public async Task Reject_Button_RejectsWithAReasonThatSaysSo()
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();

        var answer = (await host.InvokeAsync(TeamsTestHost.Carol, "gate.reject", TeamsCards.Data("proposal", card.Proposal("gate.reject")!))).CardOf();

        Assert.Contains("carol rejected CreateManagerVm", answer.ToJsonString());
        Assert.Empty(answer.Buttons());
        await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Rejected: Create", StringComparison.Ordinal)), "the rejected card");
        Assert.Contains(await host.AuditAsync(id), e => e.GetProperty("detail").GetString()!.Contains("rejected with the Teams button", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaleInvoke_ForAGateNoLongerWaiting_ChangesNothingAndSaysSo()
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();
        var key = card.Proposal()!;
        await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", key));

        var answer = (await host.InvokeAsync(TeamsTestHost.Carol, "gate.approve", TeamsCards.Data("proposal", key))).CardOf();

        Assert.Contains("no longer waiting", answer.ToJsonString());
        Assert.DoesNotContain(await host.AuditAsync(id), e => e.GetProperty("actor").GetString() == "carol");
    }

    [Theory]
    [InlineData(TeamsTestHost.Alice, "alice is not an approver")]
    [InlineData(TeamsTestHost.Mallory, "is not a configured user")]
    public async Task NotAnApprover_Invoke_IsRefusedAndRecordsNothing(string aad, string expected)
    {
        var (id, card) = await StartAndWaitForFirstGateAsync();

        var answer = await host.InvokeAsync(aad, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!));

        Assert.Contains(expected, answer.ToJsonString());
        Assert.Contains("nothing was recorded", answer.ToJsonString());
        Assert.DoesNotContain(await host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved");
    }

    [Theory]
    [InlineData("gate.approve", "proposal", "00000000000000000000000000000001.1.CreateManagerVm.1", "no longer exists")]
    [InlineData("gate.approve", "proposal", "not-a-gate", "does not name a gate")]
    [InlineData("something.else", "x", "y", "is not a button of a migration card")]
    [InlineData("run.refresh", "migration", "nope", "not of a migration the bot knows")]
    public async Task InvokeForNothing_GetsAClearAnswerNot500(string verb, string field, string value, string expected)
    {
        var answer = await host.InvokeAsync(TeamsTestHost.Bob, verb, TeamsCards.Data(field, value));

        Assert.Contains(expected, answer.ToJsonString());
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task InvokeThatIsNotActionExecute_GetsABadRequestBody()
    {
        var invoke = host.Invoke(TeamsTestHost.Bob, "gate.approve", []);
        invoke["value"] = "not an object";

        var response = await host.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not an Action.Execute", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConnectorAnswering429_IsRetriedAfterRetryAfter_AndTheCardStillUpdates()
    {
        var (_, card) = await StartAndWaitForFirstGateAsync();
        // The card must be posted before the 429s, or the approval would show in its first post, not an update.
        await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approval needed", StringComparison.Ordinal)), "the posted card");
        host.Bot.RateLimit("update", 2);

        await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", card.Proposal()!));

        await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.CardText.Contains("Approved: Create", StringComparison.Ordinal)), "the card after two 429s");
        Assert.Equal(2, host.Bot.RateLimited("update"));
        Assert.Single(host.Bot.Cards);
    }

    [Fact]
    public async Task Dangerous_Approve_AsksToConfirmFirst_AndRecordsNothingUntilConfirmed()
    {
        var (id, stop) = await AtCutoverGateAsync();
        var votesBefore = (await host.AuditAsync(id)).Count(e => e.GetProperty("action").GetString() == "approved");

        Assert.Equal(["gate.approve.confirm", "gate.reject"], stop.Buttons().Select(b => b["verb"]!.GetValue<string>()));
        var asking = (await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve.confirm", TeamsCards.Data("proposal", stop.Proposal()!))).CardOf();

        Assert.Contains("Really approve", asking.ToJsonString());
        Assert.Equal(["gate.approve", "run.refresh"], asking.Buttons().Select(b => b["verb"]!.GetValue<string>()));
        Assert.Equal(votesBefore, (await host.AuditAsync(id)).Count(e => e.GetProperty("action").GetString() == "approved"));

        var confirmed = (await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", asking.Proposal()!))).CardOf();
        Assert.Contains("(1 of 2)", confirmed.ToJsonString());
    }

    [Fact]
    public async Task ApproverAlreadyVoted_RefreshTheCard_OffersThemNoButtonsButTheOtherApproverStill()
    {
        var (id, stop) = await AtCutoverGateAsync();

        var answer = (await host.InvokeAsync(TeamsTestHost.Bob, "gate.approve", TeamsCards.Data("proposal", stop.Proposal()!))).CardOf();
        var bobs = (await host.InvokeAsync(TeamsTestHost.Bob, "run.refresh", TeamsCards.Data("migration", id.ToString("N")))).CardOf();
        var carols = (await host.InvokeAsync(TeamsTestHost.Carol, "run.refresh", TeamsCards.Data("migration", id.ToString("N")))).CardOf();

        Assert.Contains("(1 of 2)", answer.ToJsonString());
        Assert.Null(answer.Proposal("gate.approve.confirm"));
        Assert.DoesNotContain(bobs.Buttons(), b => b["verb"]!.GetValue<string>().StartsWith("gate.", StringComparison.Ordinal));
        Assert.Equal(stop.Proposal("gate.approve.confirm"), carols.Proposal("gate.approve.confirm"));
    }
}
