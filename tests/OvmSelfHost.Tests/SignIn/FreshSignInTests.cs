using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Slack;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.SignIn;

/// <summary>
/// Dangerous gates (StopOldManager by default) take an approval only from a sign-in no older than
/// SignIn:FreshSignIn:MaxAge; from Slack, the Approve button answers with a single-use link to the
/// console bound to that opening and that person, and the vote confirmed there counts like any other.
/// </summary>
public sealed partial class FreshSignInTests
{
    [Fact]
    public async Task DangerousGate_ApprovalFromAnOldSignIn_IsRefused_AndAFreshOneCounts()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings());
        var client = host.CreateClient();
        var id = await BearerTokenTests.AtFirstGateAsync(client, world);
        world.Provider.BackdateSignIns = TimeSpan.FromMinutes(30);
        string[] old = [await world.Provider.TokenForAsync("bob"), await world.Provider.TokenForAsync("carol")];
        await ApproveUntilAsync(client, id, "StopOldManager", old);

        var stale = await client.PostAsync($"/api/migrations/{id}/decisions", new { decision = "approve", gate = "StopOldManager" }, old[0]);
        world.Provider.BackdateSignIns = TimeSpan.Zero;
        var fresh = await client.PostAsync($"/api/migrations/{id}/decisions", new { decision = "approve", gate = "StopOldManager" }, await world.Provider.TokenForAsync("bob"));

        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Contains("StopOldManager needs a fresh sign-in: yours is 30 minutes old", (await stale.ReadAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("bob approved StopOldManager (1 of 2)", (await fresh.ReadAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task SlackApprove_OnADangerousGate_AnswersWithALink_ThatCountsOnceForThatPersonAfterAFreshSignIn()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var host = await SlackTestHost.StartAsync(new FakeOvm(), settings: world.Settings());
        await host.CommandAsync(SlackTestHost.Alice, "start A B");
        var proposal = await ApproveInSlackUntilAsync(host, "StopOldManager");

        var (_, replyId) = await host.ClickAsync(SlackTestHost.Bob, "gate.approve", proposal.ButtonValue("gate.approve"));
        var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the link");
        var ticket = LinkTicket().Match(reply).Groups[1].Value;
        Assert.Contains("StopOldManager needs a fresh sign-in to approve", reply);
        Assert.NotEmpty(ticket);
        var id = (await host.MigrationsAsync()).Single().GetProperty("id").GetGuid();
        Assert.DoesNotContain(await host.AuditAsync(id), e => e.GetProperty("detail").GetString()!.Contains("StopOldManager", StringComparison.Ordinal) && e.GetProperty("action").GetString() == "approved");

        // Signed in long ago: the link says to sign in afresh, and a confirmation is refused without using it up.
        world.Provider.BackdateSignIns = TimeSpan.FromMinutes(30);
        using var oldBob = new SignInWalk(host.Factory, world.Provider.Authority);
        await oldBob.SignInAsync("/signin?returnUrl=/", SignInWorld.Bob);
        Assert.False((await (await oldBob.Host.GetAsync($"/api/links/{ticket}")).ReadAsync()).GetProperty("fresh").GetBoolean());
        var refused = await ConfirmAsync(oldBob.Host, ticket);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, refusal);
        Assert.True(refusal.Contains("needs a fresh sign-in", StringComparison.Ordinal), refusal);

        // Someone else signed in cannot use bob's link.
        using var carol = new SignInWalk(host.Factory, world.Provider.Authority);
        await carol.SignInAsync($"/signin?fresh=true&returnUrl={Uri.EscapeDataString($"/?link={ticket}")}", SignInWorld.Carol);
        var notHers = await ConfirmAsync(carol.Host, ticket);
        Assert.Equal(HttpStatusCode.Forbidden, notHers.StatusCode);
        Assert.Contains("Only bob may use it", await notHers.Content.ReadAsStringAsync());

        // Bob signs in afresh through the link's own sign-in address and confirms: it counts, once.
        var description = await (await oldBob.Host.GetAsync($"/api/links/{ticket}")).ReadAsync();
        var (landed, _) = await oldBob.SignInAsync(description.GetProperty("freshSignInUrl").GetString()!, SignInWorld.Bob);
        Assert.Equal($"/?link={ticket}", landed.PathAndQuery);
        var confirmed = await ConfirmAsync(oldBob.Host, ticket);
        var again = await ConfirmAsync(oldBob.Host, ticket);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("bob approved StopOldManager (1 of 2)", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var approval = Assert.Single(await host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved" && e.GetProperty("detail").GetString()!.Contains("StopOldManager", StringComparison.Ordinal));
        Assert.Equal("slack", approval.GetProperty("channel").GetString());
        Assert.Contains("authenticated via oidc, from a slack link, subject sub-bob", approval.GetProperty("detail").GetString());
        var updated = await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && m.AllText.Contains("bob approved", StringComparison.Ordinal)), "the proposal showing bob's vote");
        Assert.True(updated.Updates >= 1);
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient console, string ticket)
    {
        var session = await (await console.GetAsync("/api/session")).ReadAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/links/{ticket}/confirm") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-OVM-Antiforgery", session.GetProperty("antiforgeryToken").GetString());
        return await console.SendAsync(request);
    }

    private static async Task ApproveUntilAsync(HttpClient client, Guid id, string gate, string[] approvers)
    {
        while (true)
        {
            var run = await client.WaitForAsync(id, r => r.GetProperty("pendingGate").ValueKind == System.Text.Json.JsonValueKind.String, 60);
            var waiting = run.GetProperty("pendingGate").GetString()!;
            if (waiting == gate)
            {
                return;
            }

            var round = run.GetProperty("gateRound").GetInt32();
            foreach (var token in approvers)
            {
                var vote = await client.PostAsync($"/api/migrations/{id}/decisions", new { decision = "approve", gate = waiting, round }, token);
                Assert.True(vote.IsSuccessStatusCode, await vote.Content.ReadAsStringAsync());
                if (!(await vote.Content.ReadAsStringAsync()).Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() != waiting || r.GetProperty("gateRound").GetInt32() != round, 60);
        }
    }

    private static async Task<FakeSlackMessage> ApproveInSlackUntilAsync(SlackTestHost host, string gate)
    {
        while (true)
        {
            var proposal = await host.Slack.WaitForAsync(() => host.Slack.OpenProposal(), "a proposal", 60);
            var value = proposal.ButtonValue("gate.approve");
            if (value.Contains($".{gate}.", StringComparison.Ordinal))
            {
                return proposal;
            }

            foreach (var approver in new[] { SlackTestHost.Bob, SlackTestHost.Carol })
            {
                var (_, replyId) = await host.ClickAsync(approver, "gate.approve", value);
                var reply = await host.Slack.WaitForAsync(() => host.Slack.Responses(replyId).FirstOrDefault(), "the vote's answer");
                Assert.Contains("approved", reply);
                if (!reply.Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            await host.Slack.WaitForAsync(() => host.Slack.Messages.SingleOrDefault(m => m.Ts == proposal.Ts && !m.HasButtons), "the decided proposal");
        }
    }

    [GeneratedRegex(@"\?link=([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkTicket();
}
