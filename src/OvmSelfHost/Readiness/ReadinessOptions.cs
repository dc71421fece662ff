namespace OvmSelfHost.Readiness;

/// <summary><c>Readiness</c>: when the standing readiness checks of every configured pair run.</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Readiness";

    public bool Enabled { get; set; } = true;

    /// <summary>A Quartz cron expression (seconds first); default every day at 06:00.</summary>
    public string Schedule { get; set; } = "0 0 6 * * ?";

    /// <summary>The IANA time zone the schedule is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The pairs to check, as "A-B"; empty: every pair of configured environments.</summary>
    public List<string> Pairs { get; set; } = [];
}
