namespace OvmSelfHost.Runbook.Leases;

/// <summary>This replica no longer holds the run's lease: it must stop and save nothing more.</summary>
public sealed class LeaseLostException(Guid migrationId, string why)
    : Exception($"The lease of migration {migrationId} is no longer held here: {why}.")
{
    public Guid MigrationId { get; } = migrationId;
}
