namespace OvmSelfHost.Storage;

/// <summary>
/// The hash link of one journal line (<see cref="AuditRow"/>), in a table of its own so that databases
/// written before the chain keep their journal table as it is (tables are only ever added).
/// </summary>
internal sealed class AuditLinkRow
{
    public long AuditId { get; set; }
    public AuditRow? Entry { get; set; }
    public Guid MigrationId { get; set; }
    public long Sequence { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
