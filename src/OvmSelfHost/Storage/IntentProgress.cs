using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Storage;

/// <summary>
/// An intent only moves forward (recorded, issued, finished). A save made from an older copy of a
/// run must never put an issued job back to "recorded" and lose its job id.
/// </summary>
internal static class IntentProgress
{
    public static bool Advances(string stored, IntentStatus proposed) => Rank(StoredName.Parse<IntentStatus>(stored)) < Rank(proposed);

    /// <summary><see cref="Advances"/> in SQL, over two status columns: for an upsert that must never move an intent back.</summary>
    public static string AdvancesSql(string stored, string proposed) => $"{RankSql(stored)} < {RankSql(proposed)}";

    /// <summary>The rank of a stored status: 0 recorded, 1 issued, 2 finished.</summary>
    public static int Rank(string stored) => Rank(StoredName.Parse<IntentStatus>(stored));

    public static string RankSql(string status) =>
        $"(CASE {status} WHEN '{nameof(IntentStatus.Recorded)}' THEN 0 WHEN '{nameof(IntentStatus.Issued)}' THEN 1 ELSE 2 END)";

    private static int Rank(IntentStatus status) => status switch
    {
        IntentStatus.Recorded => 0,
        IntentStatus.Issued => 1,
        _ => 2,
    };
}
