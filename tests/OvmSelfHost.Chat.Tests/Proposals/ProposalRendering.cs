using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Chat.Tests.Proposals;

/// <summary>Runs waiting at a gate, as the store would hand them to a channel.</summary>
internal static class ProposalRendering
{
    public static RunbookSettings Settings { get; } = new()
    {
        Environments = new Dictionary<string, EnvironmentPlan>
        {
            ["A"] = new("A", "pool-a", "repo-a", new VmPlan("ovmm-a-vm", "tpl", "iso")),
            ["B"] = new("B", "pool-b", "repo-b", new VmPlan("ovmm-b-vm", "tpl", "iso")),
        },
    };

    public static MigrationRun WaitingAt(StepKind step, int round = 1)
    {
        var run = MigrationRun.Create(Guid.NewGuid(), "A", "B", "alice", "slack", DateTimeOffset.UnixEpoch);
        run.State = RunState.AwaitingApproval;
        run.Step = step;
        run.PendingGate = GateKey.Of(step);
        run.GateRound = round;
        run.StatusMessage = $"Phase 1 {step} waits.";
        return run;
    }

    public const string Uuid = "0004fb0000010000bbbbbbbbbbbbbbbb";

    /// <summary>A run waiting at <paramref name="step"/> whose opening took a snapshot, as the advancer saves it.</summary>
    public static MigrationRun WaitingWithSnapshotAt(StepKind step)
    {
        var run = WaitingAt(step);
        run.Facts[1].Snapshots.Add(new GateSnapshot(1, GateKey.Of(step), run.GateRound, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), $"phase 1 {step}",
        [
            new SnapshotFact("new VM for B's manager", "ovmm-b-vm (vm-9), 8192 MB, pool pool-a, HA on, repository repo-a"),
            new SnapshotFact("UUID the new manager takes", Uuid),
        ]));
        return run;
    }

    public static void Vote(MigrationRun run, string user, VoteDecision decision, string? reason = null) =>
        run.Votes.Add(new Vote(run.Phase, run.PendingGate!.Value, run.GateRound, user, "slack", decision, reason, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
}
