using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// One opening of one gate, as a button, a card or a typed command captured it. A vote counts only
/// while that very opening waits, so a stale click, a replayed command or a retried delivery can
/// never land on a later gate, nor on a later opening of the same gate.
/// </summary>
public sealed record GateOpening(int Phase, string Gate, int Round)
{
    /// <summary>The opening that waits for votes in <paramref name="run"/> now, or null when none does.</summary>
    public static GateOpening? WaitingIn(MigrationRun run) =>
        run.PendingGate is { } gate && run.State is RunState.AwaitingApproval or RunState.AwaitingAcknowledgement or RunState.RollbackPending
            ? new GateOpening(run.Phase, gate, run.GateRound)
            : null;

    public string Describe() => $"{Gate} of phase {Phase}";
}
