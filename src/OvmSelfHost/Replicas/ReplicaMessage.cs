namespace OvmSelfHost.Replicas;

/// <summary>
/// What replicas tell each other over PostgreSQL NOTIFY: a saved change or a step's output line (for
/// the consoles connected elsewhere, and to wake the run's executor), or a kick for the executor.
/// </summary>
/// <param name="Kind">"changed", "output" or "kick".</param>
/// <param name="Version">The run's version after a "changed" save: consoles skip a fetch they already have.</param>
public sealed record ReplicaMessage(string Origin, string Kind, Guid MigrationId, string? Text, string? State, int Phase, string? Step, long Version = 0);
