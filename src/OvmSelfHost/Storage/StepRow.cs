namespace OvmSelfHost.Storage;

internal sealed class StepRow
{
    public long Id { get; set; }
    public Guid MigrationId { get; set; }
    public int Phase { get; set; }
    public string Kind { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Message { get; set; }
    public string OutputJson { get; set; } = "[]";
}
