using System.Net;
using System.Net.Http.Json;
using OvmSelfHost.Tests.Migrations;
using OvmSelfHost.Tests.Support;
using OvmSelfHost.Tests.Teams;

namespace OvmSelfHost.Tests.Operations;

/// <summary>A readiness change reaches Teams too, where the bot was installed, once when it appears and once when it is fixed.</summary>
public sealed class TeamsReadinessTests
{
    [Fact]
    public async Task UnclusteredPool_Check_PostsOnceToTeamsWhereTheBotWasInstalled_ThenOnceWhenFixed()
    {
        await using var world = await SimulatorWorld.StartAsync();
        await using var host = await TeamsTestHost.StartAsync(settings: OperationsHosts.Simulator(world));
        using var control = new HttpClient { BaseAddress = world.ControlUrl };
        await host.SendAsync(host.Installation());
        await host.Bot.WaitForAsync(() => host.Bot.Calls.FirstOrDefault(c => c.Operation == "send"), "the welcome");
        await CheckAsync(host.Client);

        (await control.PutAsJsonAsync("/sim/pools/pool-b/cluster", new { clustered = false })).EnsureSuccessStatusCode();
        await CheckAsync(host.Client);
        await CheckAsync(host.Client);
        (await control.PutAsJsonAsync("/sim/pools/pool-b/cluster", new { clustered = true })).EnsureSuccessStatusCode();
        await CheckAsync(host.Client);

        var failing = await host.Bot.WaitForAsync(() => Posts(host, "FAIL pool:B").FirstOrDefault(), "the post about pool:B");
        await host.Bot.WaitForAsync(() => Posts(host, "fixed pool:B").FirstOrDefault(), "the post that pool:B is fixed");
        Assert.Equal(TeamsTestHost.Channel, failing.ConversationId);
        Assert.Single(Posts(host, "FAIL pool:B"));
        Assert.Single(Posts(host, "fixed pool:B"));
    }

    private static async Task CheckAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/readiness/A/B", new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<FakeTeamsActivity> Posts(TeamsTestHost host, string text) =>
        host.Bot.Activities.Where(a => a.Text.Contains(text, StringComparison.Ordinal)).ToList();
}
