namespace OvmSelfHost.Runbook.Readiness;

/// <summary>What differs between a pair's last result and this one: problems that appeared, and problems that are gone.</summary>
public sealed record ReadinessChange(IReadOnlyList<ReadinessCheck> Appeared, IReadOnlyList<string> Fixed)
{
    public bool Any => Appeared.Count > 0 || Fixed.Count > 0;

    /// <summary>Compared by check name and verdict: a problem whose wording changes (a count, a date) is not news.</summary>
    public static ReadinessChange Between(ReadinessReport? previous, ReadinessReport current)
    {
        var before = previous?.Problems ?? new Dictionary<string, ReadinessCheck>();
        var now = current.Problems;
        var appeared = now.Values.Where(c => !before.TryGetValue(c.Name, out var was) || was.Status != c.Status).ToList();
        var gone = before.Keys.Where(name => !now.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        return new ReadinessChange(appeared, gone);
    }

    public string Describe(ReadinessReport current)
    {
        var lines = new List<string> { $"Readiness of {current.First} and {current.Second} changed ({current.CheckedAt:yyyy-MM-dd HH:mm}Z, now {current.Status}):" };
        lines.AddRange(Appeared.Select(c => $"{ReadinessReport.Mark(c.Status)} {c.Name}: {c.Detail}"));
        lines.AddRange(Fixed.Select(name => $"fixed {name}"));
        return string.Join('\n', lines);
    }
}
