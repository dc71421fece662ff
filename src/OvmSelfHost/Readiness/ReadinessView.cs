using OvmSelfHost.Runbook.Readiness;

namespace OvmSelfHost.Readiness;

/// <summary>A readiness result as the API shows it.</summary>
internal static class ReadinessView
{
    public static object Of(ReadinessReport report) => new
    {
        pair = report.Pair,
        environments = new[] { report.First, report.Second },
        checkedAt = report.CheckedAt,
        status = report.Status,
        expectedDuration = report.ExpectedDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        checks = report.Checks.Select(c => new { name = c.Name, status = c.Status, detail = c.Detail }),
    };
}
