using System.Text.Json;

namespace OvmSelfHost.Tests.Support;

/// <summary>What a replay must leave behind, whatever the channel: the first gate approved once, the next one waiting with no vote.</summary>
internal static class Replays
{
    public static async Task AssertOnlyTheFirstApprovalAsync(Func<Task<JsonElement[]>> migrations, Func<Guid, Task<JsonElement[]>> audit, Guid id)
    {
        await Task.Delay(700); // handed-off work of a replay, had it been taken, would have run by now
        var run = (await migrations()).Single();
        Assert.Equal(("AwaitingApproval", "InstallManager"), (run.GetProperty("state").GetString(), run.GetProperty("pendingGate").GetString()));
        var approvals = (await audit(id)).Where(e => e.GetProperty("action").GetString() == "approved").ToList();
        Assert.Single(approvals);
        Assert.Contains("gate CreateManagerVm", approvals[0].GetProperty("detail").GetString());
    }
}
