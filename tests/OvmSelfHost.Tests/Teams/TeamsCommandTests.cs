using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Tests.Teams;

public sealed class TeamsCommandTests : IAsyncLifetime
{
    private TeamsTestHost host = null!;

    public async Task InitializeAsync() => host = await TeamsTestHost.StartAsync(new FakeOvm());

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task MentionWithCommand_IsTheSharedCommandLanguage_PlanIsMarkdownStepsNotACodeBlock()
    {
        var reply = await host.AskAsync(TeamsTestHost.Bob, "plan A B");

        Assert.StartsWith("**Phase 1: B's manager moves into a VM hosted by A**", reply);
        Assert.Contains("- 1. ", reply);
        Assert.DoesNotContain("```", reply);
        Assert.DoesNotContain("phase 1: phase 1", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OvmStatusWithoutTheSlash_AfterTheMention_IsUnderstood()
    {
        var reply = await host.AskAsync(TeamsTestHost.Bob, "ovm status");

        Assert.Contains("No migrations yet", reply);
    }

    [Fact]
    public async Task UnknownCommand_GetsAClearReplyAndChangesNothing()
    {
        var reply = await host.AskAsync(TeamsTestHost.Alice, "launch A B");

        Assert.Contains("Unknown command 'launch'", reply);
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task UnlinkedAccount_IsToldAndNothingIsDone()
    {
        var reply = await host.AskAsync(TeamsTestHost.Mallory, "start A B now");

        Assert.Contains("not linked to a configured user", reply);
        Assert.Contains("TeamsObjectId", reply);
        Assert.Empty(await host.MigrationsAsync());
    }

    [Fact]
    public async Task SameMessageDeliveredTwice_RunsOnce()
    {
        var message = host.Message(TeamsTestHost.Alice, "start A B");

        await host.SendAsync(message);
        await host.SendAsync(message);

        await host.Bot.WaitForAsync(() => host.Bot.Replies(message["id"]!.GetValue<string>()).FirstOrDefault(), "the reply");
        await Task.Delay(300);
        Assert.Single(host.Bot.Replies(message["id"]!.GetValue<string>()));
        Assert.Single(await host.MigrationsAsync());
    }

    [Fact]
    public async Task Installation_IsRemembered_AndAMigrationStartedElsewhere_GetsANewThreadThere()
    {
        await host.SendAsync(host.Installation());
        await host.Bot.WaitForAsync(() => host.Bot.Calls.FirstOrDefault(c => c.Operation == "send"), "the welcome");

        var response = await host.Client.PostAsync("/api/migrations", new StringContent("{\"environments\":[\"A\",\"B\"],\"requestedBy\":\"alice\"}", System.Text.Encoding.UTF8, "application/json"));

        response.EnsureSuccessStatusCode();
        var create = await host.Bot.WaitForAsync(() => host.Bot.Calls.FirstOrDefault(c => c.Operation == "create"), "the new thread");
        Assert.Equal(TeamsTestHost.Channel, create.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsTestHost.Tenant, create.Body["tenantId"]!.GetValue<string>());
        await host.Bot.WaitForAsync(() => host.Bot.Cards.SingleOrDefault(c => c.Updates > 0), "an update of that card");
        Assert.Single(host.Bot.Cards);
    }
}
