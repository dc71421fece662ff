namespace OvmSelfHost.Storage;

/// <summary>A journal line. Rows are only ever inserted.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }
    public Guid MigrationId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Action { get; set; } = "";
    public string Detail { get; set; } = "";
}
