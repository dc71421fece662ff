using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// Starts the clock of every gate opening that has a time policy, in the save that opens it, wherever
/// it opens (a step's gate, an acknowledgement, a rollback): so the deadline a timer acts on is the
/// one decided when the gate opened, on whichever replica, and survives a restart.
/// </summary>
public sealed class GateClocks(GatePolicies policies, IMaintenanceWindows? windows, TimeProvider time)
{
    public GatePolicies Policies => policies;

    /// <summary>Adds the clock of the opening waiting in <paramref name="run"/> when it has a policy and no clock yet.</summary>
    public void Start(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (GateOpening.WaitingIn(run) is not { } opening || policies.TimeFor(opening.Gate) is not { } policy || Find(run, opening) is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var (deadline, from) = policy.WaitFor is { } wait
            ? (now + wait, $"waits at most {wait:c}")
            : run.Window is not null && windows?.CurrentOrNext(run.Window, now) is { } instance
                ? (instance.ClosesAt, $"window {run.Window} closes")
                : ((DateTimeOffset?)null, "no deadline (no duration configured and no window)");
        run.Facts[opening.Phase].Clocks.Add(new GateClock
        {
            Gate = opening.Gate,
            Round = opening.Round,
            OpenedAt = now,
            Deadline = deadline,
            DeadlineFrom = from,
            Then = policy.Then,
            RemindAt = deadline is { } end ? [.. policy.RemindBefore.Select(r => end - r).Where(at => at > now).Order()] : [],
        });
    }

    /// <summary>The clock of <paramref name="opening"/>, or null when it has none.</summary>
    public static GateClock? Find(MigrationRun run, GateOpening opening)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(opening);
        return run.Facts.TryGetValue(opening.Phase, out var facts) ? facts.Clocks.LastOrDefault(c => c.Names(opening)) : null;
    }
}
