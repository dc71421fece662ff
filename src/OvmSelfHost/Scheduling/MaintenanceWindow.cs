using Quartz;
using Quartz.Impl.Calendar;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Scheduling;

/// <summary>
/// A window compiled onto Quartz: the cron in its zone for openings, a <see cref="HolidayCalendar"/>
/// for excluded dates. An opening on an excluded local date is skipped whole; the window then lasts
/// <see cref="Duration"/> of elapsed time from the opening, across a daylight-saving change too.
/// </summary>
public sealed class MaintenanceWindow
{
    /// <summary>How far ahead openings are searched before a window is said never to open again.</summary>
    private const int SearchLimit = 2000;

    private readonly CronExpression cron;

    public MaintenanceWindow(string name, string cronText, TimeSpan duration, TimeZoneInfo zone, IReadOnlyList<DateOnly> excluded)
    {
        Name = name;
        CronText = cronText;
        Duration = duration;
        Zone = zone;
        ExcludedDates = excluded;
        cron = new CronExpression(cronText, zone);
        Calendar = new HolidayCalendar { TimeZone = zone };
        foreach (var date in excluded)
        {
            Calendar.AddExcludedDay(date);
        }
    }

    public string Name { get; }
    public string CronText { get; }
    public TimeSpan Duration { get; }
    public TimeZoneInfo Zone { get; }
    public IReadOnlyList<DateOnly> ExcludedDates { get; }
    public HolidayCalendar Calendar { get; }

    public string CalendarName => $"window-{Name}";

    public WindowInstance? CurrentOrNext(DateTimeOffset now) => Openings(now, 1).FirstOrDefault();

    /// <summary>The opening that contains <paramref name="now"/> (if any), then the next ones, skipping excluded dates.</summary>
    public IReadOnlyList<WindowInstance> Openings(DateTimeOffset now, int count)
    {
        var result = new List<WindowInstance>();
        var after = now - Duration;
        for (var tries = 0; result.Count < count && tries < SearchLimit; tries++)
        {
            if (cron.GetNextValidTimeAfter(after) is not { } opening)
            {
                break;
            }

            after = opening;
            if (opening + Duration > now && Calendar.IsTimeIncluded(opening))
            {
                var local = TimeZoneInfo.ConvertTime(opening, Zone);
                result.Add(new WindowInstance(Name, local, TimeZoneInfo.ConvertTime(opening + Duration, Zone)));
            }
        }

        return result;
    }

    public WindowDescription Describe() => new(Name, CronText, Zone.Id, Duration, ExcludedDates);
}
