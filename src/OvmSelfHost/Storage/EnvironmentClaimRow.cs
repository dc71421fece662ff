namespace OvmSelfHost.Storage;

/// <summary>One row per environment with a migration in flight: the primary key makes a second claim fail, across replicas too.</summary>
internal sealed class EnvironmentClaimRow
{
    public string Environment { get; set; } = "";
    public Guid MigrationId { get; set; }
}
