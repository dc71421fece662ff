using System.Globalization;
using System.Text;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Chat.Commands;

/// <summary>Maintenance windows and their coming openings, as text.</summary>
public static class WindowText
{
    public static string List(IMaintenanceWindows? windows, DateTimeOffset now)
    {
        if (windows is null || windows.Names.Count == 0)
        {
            return "No maintenance windows are configured (MaintenanceWindows): migrations run when started with 'now'.";
        }

        var text = new StringBuilder();
        foreach (var name in windows.Names)
        {
            var d = windows.Describe(name);
            var openings = windows.Openings(name, now, 3);
            text.AppendLine($"{name}: cron '{d.Cron}' in {d.TimeZone}, {d.Duration:hh\\:mm} long" +
                            (d.ExcludedDates.Count == 0 ? "" : $", not on {string.Join(", ", d.ExcludedDates.Select(x => x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}"));
            text.AppendLine(openings.Count == 0
                ? "  never opens again"
                : string.Join('\n', openings.Select(o => $"  {(o.Contains(now) ? "open now" : "opens")} {o.OpensAt:yyyy-MM-dd HH:mm zzz} until {o.ClosesAt:yyyy-MM-dd HH:mm zzz}")));
        }

        return text.ToString().TrimEnd();
    }
}
