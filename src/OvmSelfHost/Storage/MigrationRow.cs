namespace OvmSelfHost.Storage;

/// <summary>A migration as stored. <see cref="Version"/> is the optimistic-concurrency token.</summary>
internal sealed class MigrationRow
{
    public Guid Id { get; set; }
    public string EnvironmentA { get; set; } = "";
    public string EnvironmentB { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public string RequestedVia { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string State { get; set; } = "";
    public int Phase { get; set; }
    public string Step { get; set; } = "";
    public string? PendingGate { get; set; }
    public int GateRound { get; set; }
    public bool PauseRequested { get; set; }
    public string? StatusMessage { get; set; }
    public string? Window { get; set; }
    public DateTimeOffset? GateWindowOpensAt { get; set; }
    public string FactsJson { get; set; } = "{}";
    public long Version { get; set; }
}
