using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// One opening of one gate, as a button, a card or a typed command captured it. A vote counts only
/// while that very opening waits, so a stale click, a replayed command or a retried delivery can
/// never land on a later gate, nor on a later opening of the same gate.
/// </summary>
public sealed record GateOpening(int Phase, GateKey Gate, int Round)
{
    /// <summary>The states in which a run waits for votes on its pending gate: the one place that says so.</summary>
    public static bool WaitsForVotes(RunState state) =>
        state is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement or RunState.RollbackPending;

    /// <summary>The opening that waits for votes in <paramref name="run"/> now, or null when none does.</summary>
    public static GateOpening? WaitingIn(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.PendingGate is { } gate && WaitsForVotes(run.State) ? new GateOpening(run.Phase, gate, run.GateRound) : null;
    }

    /// <summary>The opening a vote was cast on.</summary>
    public static GateOpening Of(Vote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return new GateOpening(vote.Phase, vote.Gate, vote.Round);
    }

    /// <summary>The opening of the current phase's gate <paramref name="gate"/> in the run's current round.</summary>
    public static GateOpening Current(MigrationRun run, GateKey gate)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new GateOpening(run.Phase, gate, run.GateRound);
    }

    /// <summary>Whether <paramref name="vote"/> was cast on this very opening (same phase, gate and round).</summary>
    public bool Includes(Vote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return vote.Phase == Phase && vote.Gate == Gate && vote.Round == Round;
    }

    /// <summary>Whether <paramref name="snapshot"/> was taken for this very opening.</summary>
    public bool Includes(GateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Phase == Phase && snapshot.Gate == Gate && snapshot.Round == Round;
    }

    /// <summary>The votes of <paramref name="run"/> cast on this opening, in the order they were cast.</summary>
    public IEnumerable<Vote> VotesIn(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Votes.Where(Includes);
    }

    public string Describe() => $"{Gate} of phase {Phase}";
}
