using OvmSelfHost.Runbook.Definition;

namespace OvmSelfHost.Runbook.Gates;

/// <summary>The vocabulary of gate names: a word from outside is one of them exactly (case aside), or nothing.</summary>
public static class GateNames
{
    public static IReadOnlyList<string> All { get; } =
        [.. Enum.GetNames<StepKind>(), GateKeys.AcknowledgeNonMinimal, GateKeys.AcceptDifferences, GateKeys.Rollback];

    /// <returns>True with the gate's own spelling when <paramref name="word"/> is a gate name; no trimming, no prefixes, no numbers.</returns>
    public static bool TryParse(string? word, out string gate)
    {
        gate = All.FirstOrDefault(g => string.Equals(g, word, StringComparison.OrdinalIgnoreCase)) ?? "";
        return gate.Length > 0;
    }
}
