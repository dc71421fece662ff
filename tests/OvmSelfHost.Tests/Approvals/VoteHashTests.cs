using OvmSelfHost.Runbook.Definition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.TestSupport.Fakes;
using OvmSelfHost.Storage;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Approvals;

/// <summary>Each approval stores, in its own row, the snapshot hash it approved; a rejection stores none.</summary>
public sealed class VoteHashTests
{
    [Fact]
    public async Task ApprovalOfAGateWithASnapshot_Vote_StoresTheSnapshotHashInTheVoteRow()
    {
        await using var host = new HostFactory(new FakeOvm());
        var client = host.CreateClient();
        var engine = host.Services.GetRequiredService<MigrationEngine>();
        var id = (await engine.RequestAsync(["A", "B"], "alice", "test", null, CancellationToken.None)).Run!.Id;
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "CreateManagerVm");
        var run = (await engine.FindAsync(id, CancellationToken.None))!;
        var opening = GateOpening.WaitingIn(run)!;
        var shown = run.SnapshotOf(opening)!;

        var approval = await engine.DecideAsync(id, "bob", "test", VoteDecision.Approve, null, CancellationToken.None, opening);
        Assert.True(approval.Succeeded, approval.Message);
        await client.WaitForAsync(id, r => r.GetProperty("pendingGate").GetString() == "InstallManager");
        var next = GateOpening.WaitingIn((await engine.FindAsync(id, CancellationToken.None))!)!;
        var rejection = await engine.DecideAsync(id, "carol", "test", VoteDecision.Reject, "not tonight", CancellationToken.None, next);
        Assert.True(rejection.Succeeded, rejection.Message);

        await using var db = await host.Services.GetRequiredService<IDbContextFactory<MigrationDbContext>>().CreateDbContextAsync();
        var rows = await db.Votes.Where(v => v.MigrationId == id).OrderBy(v => v.Id).Select(v => new { v.User, v.ApprovedHash }).ToListAsync();
        Assert.Equal([("bob", shown.Hash), ("carol", null)], rows.Select(r => (r.User, r.ApprovedHash)));
    }
}
