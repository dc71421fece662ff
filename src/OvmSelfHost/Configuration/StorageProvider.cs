namespace OvmSelfHost.Configuration;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
