using System.Text.RegularExpressions;

namespace OvmSelfHost.Runbook.Invariants;

/// <summary>A manager UUID as Oracle VM writes it: 15 to 32 hex digits starting with 0004fb.</summary>
public static partial class ManagerUuidFormat
{
    public static bool IsValid(string? uuid) => uuid is not null && Pattern().IsMatch(uuid);

    [GeneratedRegex("^0004[fF][bB][0-9a-fA-F]{9,26}$")]
    private static partial Regex Pattern();
}
