namespace OvmSelfHost.Storage;

internal sealed class IntentRow
{
    public Guid Id { get; set; }
    public Guid MigrationId { get; set; }
    public int Phase { get; set; }
    public string Step { get; set; } = "";
    public string Key { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = "";
    public string? JobId { get; set; }
    public string? ResultId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
