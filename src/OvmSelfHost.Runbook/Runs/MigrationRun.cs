using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;

namespace OvmSelfHost.Runbook.Runs;

/// <summary>
/// One migration of a pair (A, B): both phases, where it is, every vote and every intent. Its state
/// only changes through <see cref="RunStateMachine"/>; the store owns the value between commands.
/// </summary>
public sealed class MigrationRun
{
    public required Guid Id { get; init; }
    public required string EnvironmentA { get; init; }
    public required string EnvironmentB { get; init; }
    public required string RequestedBy { get; init; }
    public required string RequestedVia { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public RunState State { get; set; } = RunState.Queued;
    public int Phase { get; set; } = 1;
    public StepKind Step { get; set; } = StepKind.Preflight;

    /// <summary>The gate waiting for votes, when the state is one that waits for votes.</summary>
    public GateKey? PendingGate { get; set; }

    /// <summary>Counts gate openings, so votes from an earlier opening never count again.</summary>
    public int GateRound { get; set; }

    /// <summary>Asked to pause while a step was running: pause at the next safe point.</summary>
    public bool PauseRequested { get; set; }

    /// <summary>What the migration is doing or waiting for, in words.</summary>
    public string? StatusMessage { get; set; }

    /// <summary>The maintenance window the migration is bound to, if any.</summary>
    public string? Window { get; set; }

    /// <summary>The opening of <see cref="Window"/> the pending or approved gate belongs to: approvals expire with it.</summary>
    public DateTimeOffset? GateWindowOpensAt { get; set; }

    /// <summary>
    /// The replica executing the run (holding its lease) when it was loaded; null when none does now.
    /// Read from the lease, never saved with the run.
    /// </summary>
    public string? Executor { get; set; }

    /// <summary>Optimistic concurrency: the store refuses a save made from an older version.</summary>
    public long Version { get; set; }

    public List<StepRecord> Steps { get; init; } = [];
    public List<Vote> Votes { get; init; } = [];
    public List<IntentRecord> Intents { get; init; } = [];
    public Dictionary<int, PhaseFacts> Facts { get; init; } = [];

    public static MigrationRun Create(Guid id, string environmentA, string environmentB, string requestedBy, string channel, DateTimeOffset now)
    {
        var run = new MigrationRun
        {
            Id = id,
            EnvironmentA = environmentA,
            EnvironmentB = environmentB,
            RequestedBy = requestedBy,
            RequestedVia = channel,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var phase = 1; phase <= Procedure.PhaseCount; phase++)
        {
            run.Facts[phase] = new PhaseFacts();
            run.Steps.AddRange(Procedure.Steps.Select(s => new StepRecord { Phase = phase, Kind = s.Kind, Status = StepStatus.Pending }));
        }

        return run;
    }

    public IReadOnlyList<string> Environments => [EnvironmentA, EnvironmentB];

    /// <summary>The first eight hex digits of a migration's id: how people name it in chat and on cards.</summary>
    public static string ShortIdOf(Guid id) => id.ToString("N")[..8];

    public PhasePlan CurrentPhase => Procedure.Phase(Phase, EnvironmentA, EnvironmentB);

    public StepRecord CurrentStep => StepAt(Phase, Step);

    public PhaseFacts CurrentFacts => Facts[Phase];

    public StepRecord StepAt(int phase, StepKind kind) => Steps.Single(s => s.Phase == phase && s.Kind == kind);

    public bool IsTerminal => State is RunState.Completed or RunState.Aborted or RunState.RolledBack;

    public bool IsLastStep => Procedure.Next(Phase, Step) is null;

    /// <summary>The old manager of this phase is stopped and the phase is not confirmed: aborting would leave the environment unmanaged.</summary>
    public bool IsPastPointOfNoReturn =>
        StepAt(Phase, StepKind.StopOldManager).Status == StepStatus.Succeeded
        || Intents.Any(i => i.Phase == Phase && i.Step == nameof(StepKind.StopOldManager));

    /// <summary>Something of this phase changed a machine, so a rollback has something to undo.</summary>
    public bool HasChangesToUndo => Intents.Any(i => i.Phase == Phase);

    public IEnumerable<Vote> VotesOnPendingGate =>
        PendingGate is { } gate ? GateOpening.Current(this, gate).VotesIn(this) : [];

    public int ApprovalsIn(GateOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        return opening.VotesIn(this).Count(v => v.Decision == VoteDecision.Approve);
    }

    /// <summary>What the given opening of a step's gate showed; null for gates without a snapshot.</summary>
    public GateSnapshot? SnapshotOf(GateOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        return Facts.TryGetValue(opening.Phase, out var facts) ? facts.Snapshots.LastOrDefault(opening.Includes) : null;
    }

    public IntentRecord? FindIntent(int phase, string key) => Intents.LastOrDefault(i => i.Phase == phase && i.Key == key);
}
