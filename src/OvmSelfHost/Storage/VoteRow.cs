namespace OvmSelfHost.Storage;

/// <summary>A vote; unique per person, gate opening and phase, so a double vote cannot be stored twice.</summary>
internal sealed class VoteRow
{
    public long Id { get; set; }
    public Guid MigrationId { get; set; }
    public int Phase { get; set; }
    public string Gate { get; set; } = "";
    public int Round { get; set; }
    public string User { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Decision { get; set; } = "";
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>
    /// The snapshot hash an approval approved. Nullable, so <see cref="SchemaCreator"/> can add it to the
    /// table of a database written before it existed (votes already there keep null: their hash is in the journal).
    /// </summary>
    public string? ApprovedHash { get; set; }
}
