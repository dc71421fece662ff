namespace OvmSelfHost.Configuration;

/// <summary><c>Storage</c>: where runs live. SQLite by default; PostgreSQL for several replicas.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=data/ovmselfhost.db";
}
