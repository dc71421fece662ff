using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.TestSupport.Fakes;

namespace OvmSelfHost.Runbook.Tests.Engine;

/// <summary>With an identity provider (a fresh-sign-in rule), dangerous gates count only approvals from a recent sign-in; everything else is as before.</summary>
public sealed class FreshSignInTests
{
    private static readonly FreshSignInRule Rule = new(new HashSet<string>(["StopOldManager"], StringComparer.OrdinalIgnoreCase), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task DangerousGate_ChatVoteOrOldSignIn_IsRefused_FreshSignInCounts_AndIsRecorded()
    {
        var harness = new EngineHarness(freshSignIn: Rule);
        var run = await AtStopOldManagerAsync(harness);
        var now = harness.Time.GetUtcNow();

        var fromChat = await harness.Engine.DecideAsync(run.Id, "bob", "slack", VoteDecision.Approve, null, CancellationToken.None);
        var old = await harness.Engine.DecideAsync(run.Id, "bob", "web", VoteDecision.Approve, null, CancellationToken.None,
            authentication: new Authentication("oidc", "sub-bob", now.AddMinutes(-6)));
        var fresh = await harness.Engine.DecideAsync(run.Id, "bob", "web", VoteDecision.Approve, null, CancellationToken.None,
            authentication: new Authentication("oidc", "sub-bob", now.AddMinutes(-4)));

        Assert.Contains("StopOldManager needs an approval from a fresh sign-in", fromChat.Message);
        Assert.Contains("yours is 6 minutes old", old.Message);
        Assert.True(fresh.Succeeded, fresh.Message);
        var vote = Assert.Single((await harness.LoadAsync(run.Id)).Votes, v => v.Gate == GateKey.Of(StepKind.StopOldManager));
        Assert.Equal(new Authentication("oidc", "sub-bob", now.AddMinutes(-4)), vote.Authentication);
    }

    [Fact]
    public async Task DangerousGate_RejectionFromChat_StillCounts()
    {
        var harness = new EngineHarness(freshSignIn: Rule);
        var run = await AtStopOldManagerAsync(harness);

        var rejected = await harness.Engine.DecideAsync(run.Id, "bob", "slack", VoteDecision.Reject, "not tonight", CancellationToken.None);

        Assert.True(rejected.Succeeded, rejected.Message);
    }

    [Fact]
    public async Task ProviderRoles_ReplaceTheConfiguredOnes_ForThatCommand()
    {
        var harness = new EngineHarness();
        var run = await harness.StartAsync();
        var approverNow = new Authentication("oidc", "sub-alice", harness.Time.GetUtcNow(), new HashSet<PersonRole> { PersonRole.Approver });
        var noRoles = new Authentication("oidc", "sub-carol", harness.Time.GetUtcNow(), new HashSet<PersonRole>());

        var carol = await harness.Engine.DecideAsync(run.Id, "carol", "web", VoteDecision.Approve, null, CancellationToken.None, authentication: noRoles);
        var erin = await harness.Engine.DecideAsync(run.Id, "erin", "web", VoteDecision.Approve, null, CancellationToken.None, authentication: approverNow);

        Assert.Contains("carol is not an approver", carol.Message);
        Assert.True(erin.Succeeded, erin.Message);
    }

    private static async Task<MigrationRun> AtStopOldManagerAsync(EngineHarness harness)
    {
        var run = await harness.StartAsync();
        while (!(run.State == RunState.AwaitingApproval && run.PendingGate == GateKey.Of(StepKind.StopOldManager)))
        {
            Assert.True(run.State is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement, $"Stopped at {run.State} {run.Step}: {run.StatusMessage}");
            run = await harness.ApproveCurrentAsync(run.Id);
        }

        return run;
    }
}
