using System.Globalization;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Endpoints;

public static class WindowApi
{
    public static IEndpointRouteBuilder MapWindowApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/windows", (IMaintenanceWindows windows, TimeProvider time, int? count) =>
            Results.Ok(windows.Names.Select(name => View(windows, name, time.GetUtcNow(), Math.Clamp(count ?? 5, 1, 50))))).WithTags("Windows");
        return app;
    }

    private static object View(IMaintenanceWindows windows, string name, DateTimeOffset now, int count)
    {
        var description = windows.Describe(name);
        var openings = windows.Openings(name, now, count).Select(o => new { opensAt = Iso(o.OpensAt), closesAt = Iso(o.ClosesAt), open = o.Contains(now) }).ToList();
        return new
        {
            name,
            cron = description.Cron,
            timeZone = description.TimeZone,
            duration = description.Duration.ToString("c", CultureInfo.InvariantCulture),
            excludedDates = description.ExcludedDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            next = openings.FirstOrDefault(),
            openings,
        };
    }

    /// <summary>ISO 8601 with the window's own offset, e.g. 2026-11-28T22:00:00+01:00.</summary>
    private static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
