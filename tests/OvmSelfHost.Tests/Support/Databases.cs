using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Tests.Support;

/// <summary>Real databases for the store's tests: a SQLite file, and the PostgreSQL that scripts/test.sh starts.</summary>
public static class Databases
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    /// <summary>The connection string scripts/start-postgres.sh wrote, or the OVM_TEST_POSTGRES variable.</summary>
    public static string PostgresConnectionString()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("OVM_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var root = RepositorySettings.FindRoot(AppContext.BaseDirectory)
                   ?? throw new InvalidOperationException("Cannot find the repository root.");
        var file = Path.Combine(root, "test-artifacts", "postgres", "env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"PostgreSQL is not started: run scripts/start-postgres.sh (or scripts/test.sh). Missing {file}.");
        }

        return File.ReadAllLines(file).Single(l => l.StartsWith("OVM_TEST_POSTGRES=", StringComparison.Ordinal))["OVM_TEST_POSTGRES=".Length..];
    }

    /// <summary>A new, empty PostgreSQL database (no tables) on the test server; its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString());
        var database = $"ovm_test_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = database;
        return builder.ConnectionString;
    }

    /// <summary>A fresh, empty database of the given kind, with the store's tables.</summary>
    internal static async Task<IDbContextFactory<MigrationDbContext>> CreateAsync(StorageProvider provider)
    {
        var options = new DbContextOptionsBuilder<MigrationDbContext>();
        if (provider == StorageProvider.PostgreSql)
        {
            options.UseNpgsql(await CreatePostgresDatabaseAsync());
        }
        else
        {
            options.UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"ovm-store-{Guid.NewGuid():N}.db")};Default Timeout=30");
        }

        var factory = new Factory(options.Options);
        await using var db = factory.CreateDbContext();
        await SchemaCreator.CreateMissingTablesAsync(db, CancellationToken.None);
        return factory;
    }

    private sealed class Factory(DbContextOptions<MigrationDbContext> options) : IDbContextFactory<MigrationDbContext>
    {
        public MigrationDbContext CreateDbContext() => new(options);
    }
}
