using System.Net;
using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Slack;

public sealed class SlackInteractionTests : IAsyncLifetime
{
    private SlackTestHost host = null!;

    public async Task InitializeAsync() => host = await SlackTestHost.StartAsync(new FakeOvm());

    public async Task DisposeAsync() => await host.DisposeAllAsync();

    private async Task<FakeSlackMessage> StartAndWaitForFirstGateAsync()
    {
        await host.CommandAsync(SlackTestHost.Alice, "start A B");
        return await host.Slack.WaitForProposalAsync("CreateManagerVm");
    }

    [Fact]
    public async Task Proposal_IsBlockKitWithWhatTargetRiskAndApproveRejectButtons()
    {
        var proposal = await StartAndWaitForFirstGateAsync();

        var buttons = proposal.Buttons.ToList();
        Assert.Equal(["gate.approve", "gate.reject"], buttons.Select(b => b["action_id"]!.GetValue<string>()));
        Assert.Equal(["primary", "danger"], buttons.Select(b => b["style"]!.GetValue<string>()));
        Assert.Contains("What will happen", proposal.AllText);
        Assert.Contains("Target", proposal.AllText);
        Assert.Contains("Risk", proposal.AllText);
        Assert.Equal(host.Slack.TopLevel.Single().Ts, proposal.ThreadTs);
    }

    [Fact]
    public async Task DoubleClick_Approve_CountsOnceAndAnswersOnce()
    {
        var proposal = await StartAndWaitForFirstGateAsync();
        var value = proposal.ButtonValue("gate.approve");

        var clicks = await Task.WhenAll(
            host.ClickAsync(SlackTestHost.Bob, "gate.approve", value),
            host.ClickAsync(SlackTestHost.Bob, "gate.approve", value));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.Response.StatusCode));
        var answered = await host.Slack.WaitForAsync(() => clicks.SingleOrDefault(c => host.Slack.Responses(c.ResponseId).Count > 0).ResponseId, "one answer");
        Assert.Contains("CreateManagerVm approved (1 of 1)", host.Slack.Responses(answered).Single());
        await Task.Delay(500);
        Assert.Equal(1, clicks.Count(c => host.Slack.Responses(c.ResponseId).Count > 0));
        var id = (await host.MigrationsAsync()).Single().GetProperty("id").GetGuid();
        Assert.Single(await host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved");
    }

    [Fact]
    public async Task DecidedGate_Buttons_AreReplacedByWhoDecidedWhatAndWhen()
    {
        var proposal = await StartAndWaitForFirstGateAsync();

        await host.ClickAsync(SlackTestHost.Bob, "gate.approve", proposal.ButtonValue("gate.approve"));

        var decided = await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");
        Assert.Contains("Approved", decided.AllText);
        Assert.Contains("bob approved <!date^", decided.AllText);
        Assert.True(decided.Updates >= 1);
    }

    [Theory]
    [InlineData(SlackTestHost.Alice, "alice is not an approver")]
    [InlineData(SlackTestHost.Stranger, "Mallory Stranger (U0MALLORY) is not a configured user")]
    public async Task NotAnApprover_Click_GetsAnEphemeralRefusalAndRecordsNothing(string user, string expected)
    {
        var proposal = await StartAndWaitForFirstGateAsync();

        var (response, replyId) = await host.ClickAsync(user, "gate.approve", proposal.ButtonValue("gate.approve"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the refusal");
        Assert.Contains(expected, reply);
        Assert.Contains("nothing was recorded", reply);
        var run = (await host.MigrationsAsync()).Single();
        Assert.Equal("AwaitingApproval", run.GetProperty("state").GetString());
        Assert.DoesNotContain(await host.AuditAsync(run.GetProperty("id").GetGuid()), e => e.GetProperty("action").GetString() == "approved");
    }

    [Fact]
    public async Task Reject_Button_RejectsWithAReasonThatSaysSo()
    {
        var proposal = await StartAndWaitForFirstGateAsync();

        var (_, replyId) = await host.ClickAsync(SlackTestHost.Carol, "gate.reject", proposal.ButtonValue("gate.reject"));

        Assert.Contains("carol rejected CreateManagerVm", await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the answer"));
        var decided = await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the rejected proposal");
        Assert.Contains("Rejected", decided.AllText);
    }

    [Theory]
    [InlineData("gate.approve", "00000000000000000000000000000001.1.CreateManagerVm.1", "no longer exists")]
    [InlineData("gate.approve", "not-a-gate", "not one of an open migration gate")]
    [InlineData("something.else", "x", "not one of an open migration gate")]
    public async Task ButtonForNothing_Click_GetsAClearEphemeralAnswer(string action, string value, string expected)
    {
        var (response, replyId) = await host.ClickAsync(SlackTestHost.Bob, action, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the answer"));
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task StaleButton_OfAGateAlreadyDecided_ChangesNothing()
    {
        var proposal = await StartAndWaitForFirstGateAsync();
        var value = proposal.ButtonValue("gate.approve");
        await host.ClickAsync(SlackTestHost.Bob, "gate.approve", value);
        await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");

        var (_, replyId) = await host.ClickAsync(SlackTestHost.Carol, "gate.approve", value);

        Assert.Contains("no longer waiting", await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the answer"));
        var id = (await host.MigrationsAsync()).Single().GetProperty("id").GetGuid();
        Assert.DoesNotContain(await host.AuditAsync(id), e => e.GetProperty("actor").GetString() == "carol");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("{\"type\":\"block_actions\",\"user\":[],\"actions\":[1]}")]
    public async Task NonObjectPayload_SignedClick_Is400AndChangesNothing(string payload)
    {
        var response = await host.SendAsync("/slack/interactions", SlackRequest.Form(("payload", payload)), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be read", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString());
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task MalformedPayload_Click_Gets400WithWordsNot500()
    {
        var response = await host.SendAsync("/slack/interactions", SlackRequest.Form(("payload", "{not json")), "application/x-www-form-urlencoded");
        var none = await host.SendAsync("/slack/interactions", "", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be read", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Empty(await host.MigrationsAsync());
    }
}
