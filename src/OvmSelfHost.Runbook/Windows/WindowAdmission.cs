using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Windows;

/// <summary>
/// Whether a run bound to a window may open a gate or start a step now. Existing tools only gate
/// the start of a step; this also refuses a step that would not finish before the window closes.
/// </summary>
public static class WindowAdmission
{
    /// <summary>Read-only preflight of phase 1 runs as soon as the migration is requested.</summary>
    public static bool IsExempt(MigrationRun run) => run.Phase == 1 && run.Step == StepKind.Preflight;

    /// <summary>Steps after the cutover may finish past the close: stopping half-way would leave the environment unmanaged.</summary>
    public static bool MayRunPastClose(MigrationRun run) => Procedure.Step(run.Step).RunsPastWindowClose && run.IsPastPointOfNoReturn;

    /// <returns>Null when the gate may be proposed now; otherwise why it waits.</returns>
    public static string? CannotPropose(MigrationRun run, WindowInstance? instance, TimeSpan reminderBefore, DateTimeOffset now)
    {
        if (instance is null)
        {
            return $"Window {run.Window} never opens again: nothing will run. Abort, or start a new migration in another window.";
        }

        var proposeAt = instance.OpensAt - reminderBefore;
        return now >= proposeAt || instance.Contains(now)
            ? null
            : $"Phase {run.Phase} {run.Step} will be proposed at {Local(proposeAt, instance)} for window {run.Window}, which opens at {Local(instance.OpensAt, instance)}. {Progress(run)}";
    }

    /// <returns>Null when the step may start now; otherwise why it waits.</returns>
    public static string? CannotStart(MigrationRun run, WindowInstance? instance, TimeSpan expected, DateTimeOffset now) =>
        CannotStart(run, instance, expected, learned: true, now);

    /// <returns>Null when the step may start now; otherwise why it waits.</returns>
    /// <param name="learned">False when <paramref name="expected"/> is only the configured or default guess, not measured.</param>
    /// <remarks>
    /// A guess longer than the whole opening would hold the step forever, and it would never run to
    /// be measured. Such a step starts at the start of an opening (within its first tenth), so it has
    /// the whole window; what it really takes is learned from then on. A measured duration longer
    /// than the whole opening holds, and says it can never fit.
    /// </remarks>
    public static string? CannotStart(MigrationRun run, WindowInstance? instance, TimeSpan expected, bool learned, DateTimeOffset now)
    {
        if (instance is null)
        {
            return $"Window {run.Window} never opens again: nothing will run.";
        }

        if (!instance.Contains(now))
        {
            return $"Waits for window {run.Window}, which opens at {Local(instance.OpensAt, instance)} (until {Local(instance.ClosesAt, instance)}). {Progress(run)}";
        }

        if (expected > instance.Duration && !MayRunPastClose(run))
        {
            return LongerThanTheWindow(run, instance, expected, learned, now);
        }

        if (now + expected > instance.ClosesAt && !MayRunPastClose(run))
        {
            return $"Phase {run.Phase} {run.Step} needs about {expected:hh\\:mm} but window {run.Window} closes at {Local(instance.ClosesAt, instance)}: " +
                   $"it waits for the next opening rather than start what it cannot finish. {Progress(run)}";
        }

        return null;
    }

    private static string? LongerThanTheWindow(MigrationRun run, WindowInstance instance, TimeSpan expected, bool learned, DateTimeOffset now)
    {
        if (learned)
        {
            return $"Phase {run.Phase} {run.Step} has taken about {expected:hh\\:mm} (measured), longer than the whole window {run.Window} ({instance.Duration:hh\\:mm}): " +
                   $"it can never fit. Abort, or start a new migration in a longer window. {Progress(run)}";
        }

        return now < instance.OpensAt + (instance.Duration / 10)
            ? null
            : $"Phase {run.Phase} {run.Step} is estimated at {expected:hh\\:mm} (not measured yet), longer than the whole window {run.Window} ({instance.Duration:hh\\:mm}): " +
              $"it starts at the start of the next opening, to have the whole window. {Progress(run)}";
    }

    /// <summary>What is done and what remains, for a person deciding whether to wait.</summary>
    public static string Progress(MigrationRun run)
    {
        var done = run.Steps.Count(s => s.Status is StepStatus.Succeeded or StepStatus.Skipped);
        return $"Done {done} of {run.Steps.Count} steps; next: phase {run.Phase} {run.Step}.";
    }

    private static string Local(DateTimeOffset instant, WindowInstance instance) =>
        instant.ToOffset(instance.OpensAt.Offset).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);
}
