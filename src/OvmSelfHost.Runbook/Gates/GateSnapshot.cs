using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>
/// What one opening of a step's gate asks people to approve: the plan (step, phase, target and
/// parameters) and what the step is about to act on, read when the gate opened. A vote in that
/// round approves <see cref="Hash"/>; right before the step acts the snapshot is read again, and a
/// different hash voids the round (<see cref="VoidedBecause"/>) instead of running the step.
/// </summary>
public sealed record GateSnapshot(int Phase, GateKey Gate, int Round, DateTimeOffset TakenAt, string Plan, IReadOnlyList<SnapshotFact> Facts)
{
    public string Hash => HashOf(Plan, Facts);

    /// <summary>The plan alone, hashed: the same for every round of one step of one phase.</summary>
    public string PlanHash => HashOf(Plan, []);

    public string ShortHash => Hash[..12];

    /// <summary>When drift voided the approvals of this round, and the difference in words.</summary>
    public DateTimeOffset? VoidedAt { get; init; }

    public string? VoidedBecause { get; init; }

    /// <summary>The facts an approver is asked to check, one per line, headed by the hash a vote approves.</summary>
    public string Describe() =>
        $"What you approve (snapshot {ShortHash}, read {TakenAt.UtcDateTime:yyyy-MM-dd HH:mm}Z):\n" + string.Join("\n", Facts.Select(f => $"- {f.Name}: {f.Value}"));

    /// <summary>What changed from this snapshot to <paramref name="now"/>, fact by fact, in words; empty when nothing did.</summary>
    public IReadOnlyList<string> DifferencesTo(GateSnapshot now)
    {
        var before = Facts.ToDictionary(f => f.Name, f => f.Value);
        var after = now.Facts.ToDictionary(f => f.Name, f => f.Value);
        var changes = new List<string>();
        if (Plan != now.Plan)
        {
            changes.Add($"plan: {Plan} → {now.Plan}");
        }

        foreach (var (name, value) in before)
        {
            if (!after.TryGetValue(name, out var newValue))
            {
                changes.Add($"{name}: {value} → gone");
            }
            else if (newValue != value)
            {
                changes.Add($"{name}: {value} → {newValue}");
            }
        }

        changes.AddRange(after.Where(a => !before.ContainsKey(a.Key)).Select(a => $"{a.Key}: new, {a.Value}"));
        return changes;
    }

    private static string HashOf(string plan, IReadOnlyList<SnapshotFact> facts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new object[] { plan, facts.Select(f => new[] { f.Name, f.Value }).ToArray() }))));
}
