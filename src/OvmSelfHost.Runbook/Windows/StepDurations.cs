using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Windows;

/// <summary>
/// How long a step is expected to take: the median of its last five successful runs, or the
/// configured default when it has not run yet.
/// </summary>
public static class StepDurations
{
    /// <summary>Each step's expected duration from its <see cref="Procedure"/> row.</summary>
    public static IReadOnlyDictionary<StepKind, TimeSpan> Defaults { get; } = Procedure.Steps.ToDictionary(s => s.Kind, s => s.ExpectedDuration);

    public static TimeSpan Expected(StepKind step, IReadOnlyDictionary<StepKind, TimeSpan> configured, IEnumerable<MigrationRun> history) =>
        Estimate(step, configured, history).Duration;

    /// <summary>The expected duration, and whether it was learned from runs (true) or is only the configured or default guess.</summary>
    public static (TimeSpan Duration, bool Learned) Estimate(StepKind step, IReadOnlyDictionary<StepKind, TimeSpan> configured, IEnumerable<MigrationRun> history)
    {
        var learned = history
            .SelectMany(r => r.Steps)
            .Where(s => s.Kind == step && s.Status == StepStatus.Succeeded && s.StartedAt is not null && s.FinishedAt is not null)
            .OrderByDescending(s => s.FinishedAt)
            .Take(5)
            .Select(s => s.FinishedAt!.Value - s.StartedAt!.Value)
            .Where(d => d > TimeSpan.Zero)
            .Order()
            .ToList();
        if (learned.Count > 0)
        {
            return (learned[learned.Count / 2], true);
        }

        return (configured.TryGetValue(step, out var value) ? value : Defaults[step], false);
    }

    /// <summary>The shortest step a window must be able to hold.</summary>
    public static TimeSpan Shortest(IReadOnlyDictionary<StepKind, TimeSpan> configured) =>
        Enum.GetValues<StepKind>().Where(k => k != StepKind.Preflight).Min(k => configured.TryGetValue(k, out var v) ? v : Defaults[k]);
}
