using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Running;

/// <summary>
/// A run the start-up rehearsal makes up, shaped like a real one waiting at its first gate: the steps before it done, the
/// facts they learned, the gate's snapshot and a warning. Its save and read then take the paths a real vote's take (the
/// snapshot's JSON, the done steps' rows), which a bare run would leave for the first real vote to compile.
/// </summary>
internal static class MadeUpRun
{
    /// <summary>The run waiting for approvals at the first gate that needs any, in phase 1; null when no gate does.</summary>
    public static MigrationRun? AtFirstGate(RunbookSettings settings, DateTimeOffset now)
    {
        var gated = Procedure.Steps.FirstOrDefault(s => GatePolicies.RequiredApprovals(settings.Gates.For(s.Kind)) > 0);
        if (gated is null)
        {
            return null;
        }

        var run = MigrationRun.Create(Guid.NewGuid(), "rehearsal-a", "rehearsal-b", "rehearsal", "engine", now);
        var machine = new RunStateMachine(run);
        machine.Fire(RunTrigger.Started);
        foreach (var done in run.Steps.Where(s => s.Phase == 1).TakeWhile(s => s.Kind != gated.Kind))
        {
            done.Status = StepStatus.Succeeded;
            done.StartedAt = now;
            done.FinishedAt = now;
            done.Message = "rehearsal";
            done.Output.Add("rehearsal");
        }

        run.Step = gated.Kind;
        run.GateRound = 1;
        run.PendingGate = GateKey.Of(run.Step);
        run.CurrentStep.Status = StepStatus.AwaitingApproval;
        run.StatusMessage = $"Phase 1 {run.Step} waits for approvals (rehearsal).";
        var facts = run.CurrentFacts;
        facts.HostingManagerUuid = facts.OldManagerUuid = "0004fb0000010000" + new string('0', 16);
        facts.HostingPoolId = facts.HostingRepositoryId = "rehearsal";
        facts.Warnings.Add("rehearsal");
        facts.Snapshots.Add(new GateSnapshot(1, GateKey.Of(run.Step), 1, now, "rehearsal", [new SnapshotFact("rehearsal", "rehearsal")]));
        machine.Fire(RunTrigger.ApprovalRequested);
        return run;
    }
}
