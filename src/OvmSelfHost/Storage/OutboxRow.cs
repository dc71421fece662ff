namespace OvmSelfHost.Storage;

/// <summary>
/// A row of the outbox (ovm_outbox): written with the change it reports, delivered by the relay,
/// then kept with <see cref="DeliveredAt"/> set. <see cref="NextAttemptAt"/> is UTC (a DateTime, so
/// SQLite can compare it).
/// </summary>
internal sealed class OutboxRow
{
    public long Id { get; set; }
    public string Channel { get; set; } = "";
    public string Conversation { get; set; } = "";
    public Guid? MigrationId { get; set; }
    public string? Line { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}
