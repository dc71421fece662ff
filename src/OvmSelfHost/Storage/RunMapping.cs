using System.Text.Json;
using OvmSelfHost.Runbook.Audit;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>Between the runbook's run and its rows. Enums are stored by name so the database reads plainly.</summary>
internal static class RunMapping
{
    public static void CopyTo(this MigrationRun run, MigrationRow row)
    {
        row.Id = run.Id;
        row.EnvironmentA = run.EnvironmentA;
        row.EnvironmentB = run.EnvironmentB;
        row.RequestedBy = run.RequestedBy;
        row.RequestedVia = run.RequestedVia;
        row.CreatedAt = run.CreatedAt;
        row.UpdatedAt = run.UpdatedAt;
        row.State = run.State.ToString();
        row.Phase = run.Phase;
        row.Step = run.Step.ToString();
        row.PendingGate = run.PendingGate?.Name;
        row.GateRound = run.GateRound;
        row.PauseRequested = run.PauseRequested;
        row.StatusMessage = run.StatusMessage;
        row.Window = run.Window;
        row.GateWindowOpensAt = run.GateWindowOpensAt;
        row.FactsJson = JsonSerializer.Serialize(run.Facts, StoredJson.Default.DictionaryInt32PhaseFacts);
    }

    public static void CopyTo(this StepRecord step, StepRow row)
    {
        row.Phase = step.Phase;
        row.Kind = step.Kind.ToString();
        row.Status = step.Status.ToString();
        row.StartedAt = step.StartedAt;
        row.FinishedAt = step.FinishedAt;
        row.Message = step.Message;
        row.OutputJson = JsonSerializer.Serialize(step.Output, StoredJson.Default.ListString);
    }

    public static void CopyTo(this IntentRecord intent, IntentRow row)
    {
        row.Id = intent.Id;
        row.Phase = intent.Phase;
        row.Step = intent.Step;
        row.Key = intent.Key;
        row.Description = intent.Description;
        row.Status = intent.Status.ToString();
        row.JobId = intent.JobId;
        row.ResultId = intent.ResultId;
        row.Error = intent.Error;
        row.RecordedAt = intent.RecordedAt;
        row.CompletedAt = intent.CompletedAt;
    }

    public static StepRow ToRow(StepRecord step, Guid migrationId)
    {
        var row = new StepRow { MigrationId = migrationId };
        step.CopyTo(row);
        return row;
    }

    public static IntentRow ToRow(IntentRecord intent, Guid migrationId)
    {
        var row = new IntentRow { MigrationId = migrationId };
        intent.CopyTo(row);
        return row;
    }

    public static VoteRow ToRow(this Vote vote, Guid migrationId) => new()
    {
        MigrationId = migrationId,
        Phase = vote.Phase,
        Gate = vote.Gate.Name,
        Round = vote.Round,
        User = vote.User,
        Channel = vote.Channel,
        Decision = vote.Decision.ToString(),
        Reason = vote.Reason,
        At = vote.At,
        ApprovedHash = vote.ApprovedHash,
    };

    public static VoteSignInRow ToSignInRow(this Vote vote, Guid migrationId) => new()
    {
        MigrationId = migrationId,
        Phase = vote.Phase,
        Gate = vote.Gate.Name,
        Round = vote.Round,
        User = vote.User,
        Method = vote.Authentication!.Method,
        Subject = vote.Authentication.Subject,
        SignedInAt = vote.Authentication.SignedInAt,
    };

    public static AuditRow ToRow(this AuditEntry entry) => new()
    {
        MigrationId = entry.MigrationId,
        At = entry.At,
        Actor = entry.Actor,
        Channel = entry.Channel,
        Action = entry.Action,
        Detail = entry.Detail,
    };

    public static AuditEntry ToEntry(this AuditRow row) => new(row.MigrationId, row.At, row.Actor, row.Channel, row.Action, row.Detail);

    public static MigrationRun ToRun(
        MigrationRow row, IEnumerable<StepRow> steps, IEnumerable<VoteRow> votes, IEnumerable<IntentRow> intents, IEnumerable<VoteSignInRow>? signIns = null)
    {
        var how = (signIns ?? []).ToDictionary(s => (s.Phase, s.Gate, s.Round, s.User), s => new Authentication(s.Method, s.Subject, s.SignedInAt));
        var run = new MigrationRun
        {
            Id = row.Id,
            EnvironmentA = row.EnvironmentA,
            EnvironmentB = row.EnvironmentB,
            RequestedBy = row.RequestedBy,
            RequestedVia = row.RequestedVia,
            CreatedAt = row.CreatedAt,
            UpdatedAt = row.UpdatedAt,
            State = StoredName.Parse<RunState>(row.State),
            Phase = row.Phase,
            Step = StoredName.Parse<StepKind>(row.Step),
            PendingGate = row.PendingGate is null ? null : StoredName.Gate(row.PendingGate),
            GateRound = row.GateRound,
            PauseRequested = row.PauseRequested,
            StatusMessage = row.StatusMessage,
            Window = row.Window,
            GateWindowOpensAt = row.GateWindowOpensAt,
            Version = row.Version,
            Facts = JsonSerializer.Deserialize(row.FactsJson, StoredJson.Default.DictionaryInt32PhaseFacts) ?? [],
        };
        run.Steps.AddRange(steps.OrderBy(s => s.Phase).ThenBy(s => StoredName.Parse<StepKind>(s.Kind)).Select(ToStep));
        run.Votes.AddRange(votes.OrderBy(v => v.Id).Select(v => new Vote(v.Phase, StoredName.Gate(v.Gate), v.Round, v.User, v.Channel, StoredName.Parse<VoteDecision>(v.Decision), v.Reason, v.At,
            how.GetValueOrDefault((v.Phase, v.Gate, v.Round, v.User)), v.ApprovedHash)));
        run.Intents.AddRange(intents.OrderBy(i => i.RecordedAt).Select(ToIntent));
        return run;
    }

    private static StepRecord ToStep(StepRow row) => new()
    {
        Phase = row.Phase,
        Kind = StoredName.Parse<StepKind>(row.Kind),
        Status = StoredName.Parse<StepStatus>(row.Status),
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
        Message = row.Message,
        Output = JsonSerializer.Deserialize(row.OutputJson, StoredJson.Default.ListString) ?? [],
    };

    public static IntentRecord ToIntent(IntentRow row) => new()
    {
        Id = row.Id,
        Phase = row.Phase,
        Step = row.Step,
        Key = row.Key,
        Description = row.Description,
        Status = StoredName.Parse<IntentStatus>(row.Status),
        JobId = row.JobId,
        ResultId = row.ResultId,
        Error = row.Error,
        RecordedAt = row.RecordedAt,
        CompletedAt = row.CompletedAt,
    };
}
