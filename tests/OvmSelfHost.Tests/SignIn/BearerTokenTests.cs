using System.Net;
using System.Text.Json;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.TestSupport.Ordering;
using OvmSelfHost.Tests.Support;
using IdentityProvider = OvmSelfHost.TestIdentityProvider.TestIdentityProvider;

namespace OvmSelfHost.Tests.SignIn;

/// <summary>
/// The JSON API with sign-in configured, against a real OpenID Connect provider: the bearer token says
/// who asks (a <c>user</c> field is ignored), roles come from its groups, and a token that is not
/// this provider's, has expired or is for another audience is refused (401) with nothing changed.
/// </summary>
[LongRunning(45)]
public sealed class BearerTokenTests
{
    [Fact]
    public async Task RequesterToken_StartsAsTheTokensPerson_ButCannotApprove()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings());
        var client = host.CreateClient();
        var alice = await world.Provider.TokenForAsync("alice");

        var started = await client.PostAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "bob" }, alice);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = await started.ReadAsync();
        Assert.Equal("alice", run.GetProperty("requestedBy").GetString());
        var id = run.GetProperty("id").GetGuid();
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");

        var vote = await client.PostAsync($"/api/migrations/{id}/decisions", new { user = "bob", decision = "approve", gate = "CreateManagerVm" }, alice);

        Assert.Equal(HttpStatusCode.Forbidden, vote.StatusCode);
        Assert.Contains("alice is not an approver", await DetailAsync(vote));
        Assert.Empty(await ApprovalsAsync(client, id));
    }

    [Fact]
    public async Task ApproverToken_VotesAsItsPerson_AndTheAuditSaysHowTheVoteWasAuthenticated_NeverTheToken()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings());
        var client = host.CreateClient();
        var id = await AtFirstGateAsync(client, world);
        var bob = await world.Provider.TokenForAsync("bob");

        var vote = await client.PostAsync($"/api/migrations/{id}/decisions", new { user = "carol", decision = "approve", gate = "CreateManagerVm" }, bob);

        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        var approval = Assert.Single(await ApprovalsAsync(client, id));
        Assert.Equal("bob", approval.GetProperty("actor").GetString());
        var detail = approval.GetProperty("detail").GetString()!;
        Assert.Contains("authenticated via oidc-token, subject sub-bob, signed in ", detail);
        var audit = await (await client.GetAsync($"/api/migrations/{id}/audit")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(bob, audit);
        Assert.DoesNotContain(bob.Split('.')[1], audit);
        var proposals = await (await client.GetAsync($"/api/migrations/{id}/proposals")).ReadAsync();
        var recorded = proposals.EnumerateArray().Single(p => p.GetProperty("gate").GetString() == "CreateManagerVm").GetProperty("votes").EnumerateArray().Single();
        Assert.Contains("subject sub-bob", recorded.GetProperty("authenticated").GetString());
    }

    [Fact]
    public async Task ForeignExpiredWrongAudienceOrMissingToken_Is401_AndNothingChanges()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var foreign = await SignInWorld.StartForeignAsync();
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings());
        var client = host.CreateClient();
        var id = await AtFirstGateAsync(client, world);
        var fromAnotherIssuer = await foreign.TokenForAsync("bob");
        var forAnotherAudience = await world.Provider.TokenForAsync("bob", scope: "other");
        world.Provider.Clock.Shift = TimeSpan.FromHours(-3);
        var expired = await world.Provider.TokenForAsync("bob");
        world.Provider.Clock.Shift = TimeSpan.Zero;

        foreach (var token in new[] { fromAnotherIssuer, forAnotherAudience, expired, null, "not-a-token" })
        {
            var vote = await client.PostAsync($"/api/migrations/{id}/decisions", new { user = "bob", decision = "approve", gate = "CreateManagerVm" }, token);
            var command = await client.PostAsync("/api/commands", new { user = "alice", text = "/ovm start A B" }, token);

            Assert.Equal(HttpStatusCode.Unauthorized, vote.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, command.StatusCode);
            Assert.Contains("nothing changed", await DetailAsync(vote));
        }

        Assert.Empty(await ApprovalsAsync(client, id));
        Assert.Single((await (await client.GetAsync("/api/migrations")).ReadAsync()).EnumerateArray());
    }

    [Fact]
    public async Task PipelineToken_WithTheApproverGroup_Approves_AsThePipeline()
    {
        await using var world = await SignInWorld.StartAsync();
        world.Provider.PipelineGroups.Add(SignInWorld.ApproverGroup);
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings(new Dictionary<string, string> { ["SignIn:NameClaim"] = "name" }));
        var client = host.CreateClient();
        var id = await AtFirstGateAsync(client, world);

        var vote = await client.PostAsync($"/api/migrations/{id}/decisions", new { decision = "approve", gate = "CreateManagerVm" }, await world.Provider.PipelineTokenAsync());

        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.Equal(IdentityProvider.PipelineClientId, Assert.Single(await ApprovalsAsync(client, id)).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task ConsoleSession_WithAnAuthority_IsNotLocal_AndAPickedNameIsRefused()
    {
        await using var world = await SignInWorld.StartAsync();
        await using var host = new HostFactory(new FakeOvm(), settings: world.Settings());
        var client = host.CreateClient();

        var session = await (await client.GetAsync("/api/session")).ReadAsync();
        var picked = await host.CreateClient().PostAsync("/api/commands", new { user = "alice", text = "/ovm start A B" }, null);

        Assert.False(session.GetProperty("local").GetBoolean());
        Assert.True(session.GetProperty("signIn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("user").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, picked.StatusCode);
        Assert.Empty((await (await client.GetAsync("/api/migrations")).ReadAsync()).EnumerateArray());
    }

    internal static async Task<Guid> AtFirstGateAsync(HttpClient client, SignInWorld world)
    {
        var started = await client.PostAsync("/api/migrations", new { environments = new[] { "A", "B" } }, await world.Provider.TokenForAsync("alice"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.ReadAsync()).GetProperty("id").GetGuid();
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");
        return id;
    }

    internal static async Task<List<JsonElement>> ApprovalsAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/migrations/{id}/audit")).ReadAsync()).EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "approved").ToList();

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.ReadAsync()).GetProperty("detail").GetString()!;
}
