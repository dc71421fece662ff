using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Steps;

namespace OvmSelfHost.Runbook.Records;

/// <summary>Builds a <see cref="ChangeRecord"/> from a run, its journal and the journal's verification.</summary>
public static class ChangeRecords
{
    /// <summary>Journal actions that say a window admitted, held or expired a step.</summary>
    private static readonly string[] WindowActions = ["approvals-expired", "waiting"];

    public static ChangeRecord Build(MigrationRun run, IReadOnlyList<AuditEntry> journal, JournalVerification verification, GatePolicies policies, DateTimeOffset now)
    {
        var steps = run.Steps.Select(s => new ChangeRecordStep(
            s.Phase, s.Kind.ToString(), Procedure.Step(s.Kind).Title, s.Status.ToString(), s.StartedAt, s.FinishedAt,
            s.StartedAt is { } start && s.FinishedAt is { } end && end >= start ? end - start : null,
            s.Message,
            run.Intents.Where(i => i.Phase == s.Phase && i.Step == s.Kind.ToString())
                .Select(i => new ChangeRecordJob(i.Description, i.JobId, i.Status.ToString(), i.Error)).ToList())).ToList();

        var openings = run.Votes.Select(GateOpening.Of)
            .Concat(run.Facts.Values.SelectMany(f => f.Snapshots).Select(s => new GateOpening(s.Phase, s.Gate, s.Round)))
            .Distinct()
            .OrderBy(o => o.Round).ThenBy(o => o.Phase)
            .ToList();
        var gates = openings.Select(o =>
        {
            var snapshot = run.SnapshotOf(o);
            var votes = o.VotesIn(run).Select(v => new ChangeRecordVote(
                v.User, v.Decision.ToString(), v.At, v.Channel, v.Authentication?.Describe() ?? $"as mapped by {v.Channel}", v.Reason,
                // The vote's own record; for votes saved before votes kept it, the round's snapshot (what the journal line named).
                v.ApprovedHash ?? (v.Decision == VoteDecision.Approve ? snapshot?.Hash : null))).ToList();
            return new ChangeRecordGate(o.Phase, o.Gate.Name, o.Round, policies.For(o.Gate).ToString(), snapshot, votes, snapshot?.VoidedBecause);
        }).ToList();

        var phases = run.Facts.OrderBy(f => f.Key).Select(f =>
        {
            var plan = Procedure.Phase(f.Key, run.EnvironmentA, run.EnvironmentB);
            var facts = f.Value;
            return new ChangeRecordPhase(f.Key, plan.Target, plan.Hosting, facts.OldManagerUuid, facts.NewVmId, facts.NewManagerUuid,
                facts.RecordedInventory?.Counts(), facts.Diff, facts.Drill, facts.Warnings);
        }).ToList();

        var windows = journal.Where(e => WindowActions.Contains(e.Action) || (run.Window is not null && e.Action == "step-began"))
            .Select(e => $"{e.At.UtcDateTime:yyyy-MM-dd HH:mm}Z {e.Action}: {e.Detail}").ToList();

        return new ChangeRecord(run.Id, run.EnvironmentA, run.EnvironmentB, run.RequestedBy, run.RequestedVia, run.CreatedAt, run.UpdatedAt,
            run.State.ToString(), run.StatusMessage, run.Window, steps, gates, phases, windows, verification, now);
    }
}
