namespace OvmSelfHost.Storage;

/// <summary>One readiness result of a pair (ovm_readiness): kept as history, the last one compared with the next.</summary>
internal sealed class ReadinessRow
{
    public long Id { get; set; }
    public string Pair { get; set; } = "";
    public DateTimeOffset CheckedAt { get; set; }
    public string Status { get; set; } = "";
    public string Trigger { get; set; } = "";
    public double ExpectedSeconds { get; set; }

    /// <summary>The checks as JSON: name, status, detail.</summary>
    public string Checks { get; set; } = "[]";
}
