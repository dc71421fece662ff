namespace OvmSelfHost.Storage;

/// <summary>
/// A lease (ovm_leases): a run's ("run:&lt;id&gt;") or an outbox conversation's ("outbox:&lt;channel&gt;:&lt;conversation&gt;").
/// Rows are never deleted, so <see cref="Token"/> only grows. <see cref="ExpiresAt"/> is UTC (a DateTime, so SQLite can compare it).
/// </summary>
internal sealed class LeaseRow
{
    public string Key { get; set; } = "";
    public string Replica { get; set; } = "";
    public string Instance { get; set; } = "";
    public long Token { get; set; }
    public DateTime ExpiresAt { get; set; }
    public bool Released { get; set; }
}
