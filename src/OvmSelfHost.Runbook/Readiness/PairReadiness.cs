using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Steps;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Readiness;

/// <summary>
/// The readiness checks of a configured pair: read-only, through the same ports a migration uses. One set of
/// checks serves two callers: the standing checks of the whole pair (both directions, on a schedule or on demand)
/// and a migration's Preflight, which checks its phase's direction and refuses on any failing check.
/// </summary>
public sealed class PairReadiness(IOvmConnections ovm, RunbookSettings settings, TimeProvider time)
{
    /// <summary>
    /// Both environments, each as the home of the other's manager; and, when the pair's last migration completed,
    /// that its old managers stay down (invariant 7 does not end with the run).
    /// </summary>
    public async Task<ReadinessReport> CheckAsync(string first, string second, IEnumerable<MigrationRun> history, CancellationToken cancellationToken)
    {
        var runs = history.ToList();
        var checks = new List<ReadinessCheck>();
        var a = settings.Environment(first);
        var b = settings.Environment(second);
        var environments = new EnvironmentChecks(ovm, settings, time);
        var lookA = await environments.CheckAsync(a.Name, null, checks, cancellationToken);
        var lookB = await environments.CheckAsync(b.Name, null, checks, cancellationToken);
        foreach (var (hosting, target, look, other) in new[] { (a, b, lookA, lookB), (b, a, lookB, lookA) })
        {
            if (look is not null)
            {
                checks.AddRange(HostingChecks.Check(hosting, target, look, Unmigrated(other)));
            }
        }

        checks.AddRange(await OldManagersAsync(a.Name, b.Name, runs, cancellationToken));
        return new ReadinessReport(a.Name, b.Name, time.GetUtcNow(), checks, ExpectedDuration(runs));
    }

    /// <summary>
    /// The checks a phase's Preflight runs: the hosting environment through the manager that runs it now, the target
    /// through its original manager, and the hosting environment as the home of the target's manager.
    /// </summary>
    public async Task<ReadinessReport> CheckPhaseAsync(PhasePlan phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var checks = new List<ReadinessCheck>();
        var hosting = settings.Environment(phase.Hosting);
        var target = settings.Environment(phase.Target);
        var environments = new EnvironmentChecks(ovm, settings, time);
        var hostingLook = await environments.CheckAsync(hosting.Name, phase.HostingManagerRole, checks, cancellationToken);
        var targetLook = await environments.CheckAsync(target.Name, ManagerRole.Original, checks, cancellationToken);
        if (hostingLook is not null)
        {
            checks.AddRange(HostingChecks.Check(hosting, target, hostingLook, targetLook));
        }

        return new ReadinessReport(hosting.Name, target.Name, time.GetUtcNow(), checks, TimeSpan.Zero);
    }

    /// <summary>Self-hosting is a question about the original managers; once an environment's manager moved, its replacement shares the UUID on purpose.</summary>
    private static EnvironmentLook? Unmigrated(EnvironmentLook? look) => look is { Role: ManagerRole.Original } ? look : null;

    private async Task<IEnumerable<ReadinessCheck>> OldManagersAsync(string first, string second, IReadOnlyList<MigrationRun> runs, CancellationToken cancellationToken)
    {
        var last = runs.Where(r => SamePair(r, first, second)).MaxBy(r => r.CreatedAt);
        if (last is not { State: RunState.Completed })
        {
            return [];
        }

        var checks = new List<ReadinessCheck>();
        foreach (var plan in OldManagerWatch.StoppedPhases(last))
        {
            var name = $"old-manager:{plan.Target}";
            try
            {
                checks.Add(await OldManagerWatch.RunningAgainAsync(last, plan, ovm, settings.ManagerService, cancellationToken) is { } danger
                    ? ReadinessCheck.Fail(name, danger)
                    : ReadinessCheck.Pass(name, $"{plan.Target}'s old manager stays down since migration {last.Id.ToString()[..8]} completed."));
            }
            catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
            {
                checks.Add(ReadinessCheck.Warn(name, $"Could not tell whether {plan.Target}'s old manager stays down: {ex.Message}"));
            }
        }

        return checks;
    }

    private static bool SamePair(MigrationRun run, string first, string second) =>
        run.Environments.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(new[] { first, second }.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private TimeSpan ExpectedDuration(IReadOnlyList<MigrationRun> history) =>
        TimeSpan.FromTicks(Procedure.Steps.Sum(s => StepDurations.Estimate(s.Kind, settings.ExpectedDurations, history).Duration.Ticks) * Procedure.PhaseCount);
}
