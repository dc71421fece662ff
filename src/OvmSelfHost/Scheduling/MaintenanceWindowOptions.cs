namespace OvmSelfHost.Scheduling;

/// <summary>One entry of <c>MaintenanceWindows</c>.</summary>
public sealed class MaintenanceWindowOptions
{
    public string Name { get; set; } = "";

    /// <summary>A Quartz cron expression for the opening, e.g. <c>0 0 22 ? * SAT</c>.</summary>
    public string Cron { get; set; } = "";

    /// <summary><c>hh:mm:ss</c>; elapsed time, so a window over a daylight-saving change lasts exactly this long.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>IANA zone the cron is read in, e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary><c>yyyy-MM-dd</c> dates (in the window's zone) on which it does not open: holidays, blackout days.</summary>
    public List<string> ExcludedDates { get; set; } = [];
}
