using OvmSelfHost.Runbook.Definition;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Chat.Commands;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

/// <summary>
/// Decisions from the local console and the JSON API name their gate opening: a typed
/// <c>/ovm approve</c>, an API decision and a console vote never land on a later gate, and a vote
/// sent again, also to a restarted host, changes nothing and gets its first answer.
/// </summary>
public sealed class ConsoleDecisionTests
{
    [Fact]
    public async Task TypedApproval_WithoutAGate_SaysWhatWaitsAndTheExactCommand_AndRecordsNothing()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var (id, shortId) = await AtFirstGateAsync(client);

        var (status, text) = await SayAsync(client, "bob", $"/ovm approve {shortId}");
        var (rejectStatus, rejectText) = await SayAsync(client, "bob", $"/ovm reject {shortId} too risky today");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"{shortId} waits on CreateManagerVm of phase 1. Type /ovm approve {shortId} CreateManagerVm. Nothing was recorded.", text);
        Assert.Equal(HttpStatusCode.BadRequest, rejectStatus);
        Assert.Contains($"'too' is not a gate", rejectText);
        Assert.Contains($"type /ovm reject {shortId} CreateManagerVm <reason>", rejectText);
        await AssertNoVotesAsync(client, id);
    }

    [Fact]
    public async Task TypedApproval_SentAgainWhenTheNextGateWaits_NeverLandsOnIt()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var (id, shortId) = await AtFirstGateAsync(client);
        var command = $"/ovm approve {shortId} createmanagervm";
        Assert.Contains("CreateManagerVm approved (1 of 1)", (await SayAsync(client, "bob", command)).Text);
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "InstallManager");

        var (status, text) = await SayAsync(client, "carol", command);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains($"CreateManagerVm is not waiting: {shortId} waits on InstallManager of phase 1. To decide that, type /ovm approve {shortId} InstallManager.", text);
        var run = await (await client.GetAsync($"/api/migrations/{id}")).ReadAsync();
        Assert.Equal("AwaitingApproval", run.GetProperty("state").GetString());
        Assert.Single(await ApprovalsAsync(client, id));
    }

    [Fact]
    public async Task TypedDecision_IsBoundToTheOpeningThatWaitedWhenItArrived()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var (id, shortId) = await AtFirstGateAsync(client);
        var executor = host.Services.GetRequiredService<CommandExecutor>();
        var text = $"/ovm approve {shortId} CreateManagerVm";

        // Received before the gate opened, and received at an earlier opening of it.
        var beforeItOpened = await executor.ExecuteAsync("bob", "web", text, CancellationToken.None, new CommandReceipt(id, null));
        var earlierOpening = await executor.ExecuteAsync("bob", "web", text, CancellationToken.None, new CommandReceipt(id, new GateOpening(1, GateKey.Of(StepKind.CreateManagerVm), 0)));
        var receivedNow = await executor.ExecuteAsync("bob", "web", text, CancellationToken.None, await executor.ReceiveAsync(text, CancellationToken.None));

        Assert.Contains($"Nothing of {shortId} waits for a decision", beforeItOpened.Text);
        Assert.Contains("is no longer waiting", earlierOpening.Text);
        Assert.True(receivedNow.Succeeded, receivedNow.Text);
        Assert.Single(await ApprovalsAsync(client, id));
    }

    [Fact]
    public async Task ApiDecision_NamesItsGate_OrIsRefusedWithWhatWaits()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var (id, _) = await AtFirstGateAsync(client);
        var url = $"/api/migrations/{id}/decisions";

        var unnamed = await client.PostJsonAsync(url, new { user = "bob", decision = "approve" });
        var notAGate = await client.PostJsonAsync(url, new { user = "bob", decision = "approve", gate = "CreateManagerVm,InstallManager" });
        var otherGate = await client.PostJsonAsync(url, new { user = "bob", decision = "approve", gate = "StopOldManager" });
        var otherRound = await client.PostJsonAsync(url, new { user = "bob", decision = "approve", gate = "CreateManagerVm", round = 7 });
        await AssertNoVotesAsync(client, id);
        var named = await client.PostJsonAsync(url, new { user = "bob", decision = "approve", gate = "CreateManagerVm", phase = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("'gate' must name the gate you decide: CreateManagerVm of phase 1 waits (round 1)", await DetailAsync(unnamed));
        Assert.Equal(HttpStatusCode.BadRequest, notAGate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherGate.StatusCode);
        Assert.Contains("waiting on CreateManagerVm of phase 1", await DetailAsync(otherGate));
        Assert.Equal(HttpStatusCode.Conflict, otherRound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Single(await ApprovalsAsync(client, id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConsoleVote_SentAgain_BeforeAndAfterARestart_ChangesNothingAndGetsTheFirstAnswer(bool withDeliveryId)
    {
        var ovm = new FakeOvm();
        var first = new HostFactory(ovm);
        var client = first.CreateClient();
        var (id, _) = await AtFirstGateAsync(client);
        var key = await OpenProposalKeyAsync(client, id);
        object vote = withDeliveryId
            ? new { user = "bob", decision = "approve", reason = (string?)null, deliveryId = Guid.NewGuid().ToString() }
            : new { user = "bob", decision = "approve", reason = (string?)null };
        var url = $"/api/proposals/{Uri.EscapeDataString(key)}/votes";
        var answer = await client.PostJsonAsync(url, vote);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var message = (await answer.ReadAsync()).GetProperty("message").GetString();
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "InstallManager");

        var again = await client.PostJsonAsync(url, vote);
        await first.DisposeAsync();
        await using var second = new HostFactory(ovm, first.DatabaseFile);
        var restarted = second.CreateClient();
        var afterRestart = await restarted.PostJsonAsync(url, vote);

        Assert.Equal("CreateManagerVm approved (1 of 1).", message);
        foreach (var repeat in new[] { again, afterRestart })
        {
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
            Assert.Equal(message, (await repeat.ReadAsync()).GetProperty("message").GetString());
        }

        Assert.Single(await ApprovalsAsync(restarted, id));
        Assert.Equal("InstallManager", (await (await restarted.GetAsync($"/api/migrations/{id}")).ReadAsync()).GetProperty("pendingGate").GetString());
    }

    [Fact]
    public async Task ConsoleVote_Refused_IsAnsweredTheSameWhenSentAgain()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var (id, _) = await AtFirstGateAsync(client);
        var url = $"/api/proposals/{Uri.EscapeDataString(await OpenProposalKeyAsync(client, id))}/votes";

        var first = await client.PostJsonAsync(url, new { user = "alice", decision = "approve", deliveryId = "click-1" });
        var again = await client.PostJsonAsync(url, new { user = "alice", decision = "approve", deliveryId = "click-1" });

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        var (firstDetail, againDetail) = (await DetailAsync(first), await DetailAsync(again));
        Assert.Equal(firstDetail, againDetail);
        Assert.Contains("alice is not an approver; nothing was recorded", againDetail);
        await AssertNoVotesAsync(client, id);
    }

    private static async Task<(Guid Id, string ShortId)> AtFirstGateAsync(HttpClient client)
    {
        var id = await Migrations.MigrationDriver.StartAsync(client);
        var run = await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");
        return (id, run.GetProperty("shortId").GetString()!);
    }

    private static async Task<string> OpenProposalKeyAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/migrations/{id}/proposals")).ReadAsync()).EnumerateArray()
            .Single(p => p.GetProperty("status").GetString() == "Open").GetProperty("key").GetString()!;

    private static async Task<(HttpStatusCode Status, string Text)> SayAsync(HttpClient client, string user, string text)
    {
        var response = await client.PostJsonAsync("/api/commands", new { user, text });
        return (response.StatusCode, (await response.ReadAsync()).GetProperty("text").GetString()!);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.ReadAsync()).GetProperty("detail").GetString()!;

    private static async Task<List<JsonElement>> ApprovalsAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/migrations/{id}/audit")).ReadAsync()).EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "approved").ToList();

    private static async Task AssertNoVotesAsync(HttpClient client, Guid id) => Assert.Empty(await ApprovalsAsync(client, id));
}
