using System.Net;
using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Slack;

/// <summary>
/// Every Slack delivery kind sent again, on the same host and on a host restarted over the same
/// database: no second effect, and the first answer again where Slack shows one. Each would have
/// approved the next gate (or answered twice) when deliveries were remembered in memory and typed
/// approvals bound to whatever waited.
/// </summary>
public sealed class SlackReplayTests
{
    [Fact]
    public async Task ReplayedSignedSlashApproval_BeforeAndAfterARestart_NeverLandsOnTheNextGate_AndGetsTheFirstAnswer()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, shortId) = await runs.AtFirstGateAsync();
        var approve = runs.Host.SignedCommand(SlackTestHost.Bob, $"approve {shortId} CreateManagerVm");
        await runs.Host.SendSignedAsync(approve);
        var reply = await runs.Host.Slack.WaitForAsync(() => runs.Host.Slack.Responses(approve.ResponseId).FirstOrDefault(), "the approval's reply");
        Assert.Contains("CreateManagerVm approved (1 of 1)", reply);
        await runs.Host.Slack.WaitForProposalAsync("InstallManager");

        var replayed = await runs.Host.SendSignedAsync(approve);
        await runs.RestartAsync();
        var afterRestart = await runs.Host.SendSignedAsync(approve);

        Assert.Equal(HttpStatusCode.OK, replayed.Response.StatusCode);
        Assert.Equal(reply, EphemeralText(replayed.Body));
        Assert.Equal(reply, EphemeralText(afterRestart.Body));
        await runs.AssertOnlyTheFirstApprovalAsync(id);
        Assert.Single(runs.Host.Slack.Responses(approve.ResponseId));
    }

    [Fact]
    public async Task RetriedAppMentionApproval_BeforeAndAfterARestart_NeverApprovesTheNextGate()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, shortId) = await runs.AtFirstGateAsync();
        var mention = SlackTestHost.Mention("Ev0REPLAY1", SlackTestHost.Bob, $"approve {shortId} CreateManagerVm", ts: "1700000200.000300");
        await runs.Host.EventAsync(mention);
        var answer = await runs.Host.Slack.WaitForAsync(() => runs.Host.Slack.Messages.FirstOrDefault(m => m.ThreadTs == "1700000200.000300"), "the answer in the thread");
        Assert.Contains("CreateManagerVm approved (1 of 1)", answer.Text);
        await runs.Host.Slack.WaitForProposalAsync("InstallManager");

        var retried = await runs.Host.EventAsync(mention, retry: 1);
        await runs.RestartAsync();
        var afterRestart = await runs.Host.EventAsync(mention, retry: 2);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        await runs.AssertOnlyTheFirstApprovalAsync(id);
        Assert.Single(runs.Host.Slack.Messages, m => m.ThreadTs == "1700000200.000300");
    }

    [Fact]
    public async Task ReplayedClick_BeforeAndAfterARestart_ChangesNothingAndIsNotAnsweredAgain()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, _) = await runs.AtFirstGateAsync();
        var proposal = await runs.Host.Slack.WaitForProposalAsync("CreateManagerVm");
        var click = runs.Host.SignedClick(SlackTestHost.Bob, "gate.approve", proposal.ButtonValue("gate.approve"));
        await runs.Host.SendSignedAsync(click);
        Assert.Contains("approved (1 of 1)", await runs.Host.Slack.WaitForAsync(() => runs.Host.Slack.Responses(click.ResponseId).FirstOrDefault(), "the click's answer"));
        await runs.Host.Slack.WaitForProposalAsync("InstallManager");

        var replayed = await runs.Host.SendSignedAsync(click);
        await runs.RestartAsync();
        var afterRestart = await runs.Host.SendSignedAsync(click);

        Assert.Equal(HttpStatusCode.OK, replayed.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRestart.Response.StatusCode);
        await runs.AssertOnlyTheFirstApprovalAsync(id);
        Assert.Single(runs.Host.Slack.Responses(click.ResponseId));
    }

    [Fact]
    public async Task SlashApproval_WithoutTheGate_SaysWhatWaitsAndTheExactCommand_AndRecordsNothing()
    {
        await using var runs = await Restartable.StartAsync();
        var (id, shortId) = await runs.AtFirstGateAsync();

        var (_, _, replyId) = await runs.Host.CommandAsync(SlackTestHost.Bob, $"approve {shortId}");

        var reply = await runs.Host.Slack.WaitForAsync(() => runs.Host.Slack.Responses(replyId).FirstOrDefault(), "the answer");
        Assert.Contains("waits on CreateManagerVm of phase 1", reply);
        Assert.Contains($"Type /ovm approve {shortId} CreateManagerVm", reply);
        Assert.DoesNotContain(await runs.Host.AuditAsync(id), e => e.GetProperty("action").GetString() == "approved");
    }

    private static string EphemeralText(string body)
    {
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        return answer.GetProperty("text").GetString()!;
    }

    /// <summary>A Slack host over one database and one fake Slack and Oracle VM, that can be restarted.</summary>
    private sealed class Restartable : IAsyncDisposable
    {
        private readonly FakeOvm ovm;

        private Restartable(FakeOvm ovm, SlackTestHost host) => (this.ovm, Host) = (ovm, host);

        public SlackTestHost Host { get; private set; }

        public static async Task<Restartable> StartAsync()
        {
            var ovm = new FakeOvm();
            return new Restartable(ovm, await SlackTestHost.StartAsync(ovm));
        }

        public async Task<(Guid Id, string ShortId)> AtFirstGateAsync()
        {
            await Host.CommandAsync(SlackTestHost.Alice, "start A B");
            await Host.Slack.WaitForProposalAsync("CreateManagerVm");
            var run = (await Host.MigrationsAsync()).Single();
            return (run.GetProperty("id").GetGuid(), run.GetProperty("shortId").GetString()!);
        }

        /// <summary>Stops the host and starts a new one over the same database file.</summary>
        public async Task RestartAsync()
        {
            await Host.DisposeAsync();
            Host = await SlackTestHost.StartAsync(ovm, Host.DatabaseFile, Host.Slack);
        }

        public Task AssertOnlyTheFirstApprovalAsync(Guid id) => Replays.AssertOnlyTheFirstApprovalAsync(Host.MigrationsAsync, Host.AuditAsync, id);

        public async ValueTask DisposeAsync() => await Host.DisposeAllAsync();
    }
}
