namespace OvmSelfHost.Runbook.Windows;

/// <summary>The configured maintenance windows and their openings (cron, time zone, excluded dates).</summary>
public interface IMaintenanceWindows
{
    IReadOnlyList<string> Names { get; }

    /// <summary>How long before an opening the gates of the steps it will run are proposed.</summary>
    TimeSpan ReminderBefore { get; }

    /// <summary>The opening that contains <paramref name="now"/>, else the next one; null when the window never opens again.</summary>
    WindowInstance? CurrentOrNext(string window, DateTimeOffset now);

    /// <summary>The coming openings (the current one first, if open), each in the window's own offset.</summary>
    IReadOnlyList<WindowInstance> Openings(string window, DateTimeOffset now, int count);

    WindowDescription Describe(string window);
}
