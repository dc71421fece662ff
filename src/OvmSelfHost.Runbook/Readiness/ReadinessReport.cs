namespace OvmSelfHost.Runbook.Readiness;

/// <summary>One read-only look at a configured pair: every check, and how long a migration would take now.</summary>
public sealed record ReadinessReport(string First, string Second, DateTimeOffset CheckedAt, IReadOnlyList<ReadinessCheck> Checks, TimeSpan ExpectedDuration)
{
    public ReadinessStatus Status => Checks.Count == 0 ? ReadinessStatus.Pass : Checks.Max(c => c.Status);

    public string Pair => $"{First}-{Second}";

    /// <summary>The checks that did not pass, by name: what a change from one result to the next is about.</summary>
    public IReadOnlyDictionary<string, ReadinessCheck> Problems =>
        Checks.Where(c => c.Status != ReadinessStatus.Pass).ToDictionary(c => c.Name, StringComparer.Ordinal);

    public IEnumerable<string> Lines() =>
        Checks.Select(c => $"{Mark(c.Status)} {c.Name}: {c.Detail}");

    public static string Mark(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Pass => "ok  ",
        ReadinessStatus.Warn => "WARN",
        _ => "FAIL",
    };
}
