using System.Globalization;
using Quartz;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Scheduling;

/// <summary>The configured windows, checked at start-up with messages that name the bad entry.</summary>
public sealed class QuartzMaintenanceWindows : IMaintenanceWindows
{
    private readonly Dictionary<string, MaintenanceWindow> windows;

    public QuartzMaintenanceWindows(IEnumerable<MaintenanceWindow> windows, TimeSpan reminderBefore)
    {
        this.windows = windows.ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
        ReminderBefore = reminderBefore;
    }

    public IReadOnlyList<string> Names => windows.Keys.ToList();

    public TimeSpan ReminderBefore { get; }

    public IEnumerable<MaintenanceWindow> All => windows.Values;

    /// <remarks>A window removed from configuration (a run may still name it) never opens again.</remarks>
    public WindowInstance? CurrentOrNext(string window, DateTimeOffset now) =>
        windows.TryGetValue(window, out var found) ? found.CurrentOrNext(now) : null;

    public IReadOnlyList<WindowInstance> Openings(string window, DateTimeOffset now, int count) =>
        windows.TryGetValue(window, out var found) ? found.Openings(now, count) : [];

    public WindowDescription Describe(string window) => Get(window).Describe();

    private MaintenanceWindow Get(string window) =>
        windows.TryGetValue(window, out var found) ? found : throw new KeyNotFoundException($"No maintenance window named {window}.");

    /// <summary>Compiles <c>MaintenanceWindows</c>; every problem is named by its key, and none is ignored.</summary>
    public static QuartzMaintenanceWindows From(IReadOnlyList<MaintenanceWindowOptions> entries, TimeSpan reminderBefore)
    {
        var (compiled, errors) = CompileAll(entries);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Maintenance windows are invalid:\n- " + string.Join("\n- ", errors));
        }

        return new QuartzMaintenanceWindows(compiled, reminderBefore);
    }

    /// <summary>What is wrong with <c>MaintenanceWindows</c>, each problem named by its key; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<MaintenanceWindowOptions> entries) => CompileAll(entries).Errors;

    private static (List<MaintenanceWindow> Compiled, List<string> Errors) CompileAll(IReadOnlyList<MaintenanceWindowOptions> entries)
    {
        var errors = new List<string>();
        var compiled = new List<MaintenanceWindow>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (Compile(entries[i], $"MaintenanceWindows:{i}", errors) is { } window)
            {
                compiled.Add(window);
            }
        }

        var duplicate = compiled.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add($"MaintenanceWindows names '{duplicate.Key}' twice.");
        }

        return (compiled, errors);
    }

    private static MaintenanceWindow? Compile(MaintenanceWindowOptions entry, string key, List<string> errors)
    {
        var before = errors.Count;
        var label = string.IsNullOrWhiteSpace(entry.Name) ? key : $"{key} ({entry.Name})";
        if (string.IsNullOrWhiteSpace(entry.Name))
        {
            errors.Add($"{key}:Name is required.");
        }

        if (!CronExpression.TryParse(entry.Cron, out _))
        {
            errors.Add($"{label}:Cron '{entry.Cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 22 ? * SAT').");
        }

        if (entry.Duration <= TimeSpan.Zero)
        {
            errors.Add($"{label}:Duration must be positive (hh:mm:ss), not {entry.Duration}.");
        }

        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"{label}:TimeZone '{entry.TimeZone}' is not a known IANA zone (e.g. Europe/Berlin, America/New_York, UTC).");
        }

        var dates = new List<DateOnly>();
        foreach (var text in entry.ExcludedDates)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add($"{label}:ExcludedDates has '{text}', which is not a yyyy-MM-dd date.");
            }
        }

        return errors.Count == before ? new MaintenanceWindow(entry.Name, entry.Cron, entry.Duration, zone!, dates) : null;
    }
}
