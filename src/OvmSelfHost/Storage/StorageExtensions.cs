using Microsoft.EntityFrameworkCore;
using OvmSelfHost.Configuration;
using OvmSelfHost.Outbox;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.Storage;

public static class StorageExtensions
{
    public static IHostApplicationBuilder AddRunStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("Storage:ConnectionString is required.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddDbContextFactory<MigrationDbContext>(db => _ = (options.Provider switch
        {
            StorageProvider.PostgreSql => db.UseNpgsql(PostgreSqlConnectionString(options.ConnectionString)),
            _ => db.UseSqlite(ResolveConnectionString(options, builder.Environment.ContentRootPath)),
        }).AddInterceptors(new Operations.SaveSpans()));
        builder.Services.AddOutbox();
        builder.Services.AddSingleton(sp => new EfMigrationStore(
            sp.GetRequiredService<IDbContextFactory<MigrationDbContext>>(), sp.GetRequiredService<OutboxWriter>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Replicas.ReplicaBus>()));
        builder.Services.AddSingleton<IMigrationStore>(sp => sp.GetRequiredService<EfMigrationStore>());
        builder.Services.AddSingleton<OvmSelfHost.Chat.Messages.IChatMessageStore, EfChatMessageStore>();
        builder.Services.AddSingleton<EfDeliveryClaims>();
        builder.Services.AddSingleton<OvmSelfHost.Chat.Deduplication.IDeliveryClaims>(sp => sp.GetRequiredService<EfDeliveryClaims>());
        builder.Services.AddHostedService<DeliveryClaimSweeper>();
        return builder;
    }

    /// <summary>Creates the database and whichever of our tables it lacks (also when Quartz created the database before us).</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<MigrationDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await SchemaCreator.CreateMissingTablesAsync(db, cancellationToken);
    }

    /// <summary>The connection string as used: a relative SQLite file resolved against the repository root.</summary>
    public static string ResolveConnectionString(StorageOptions options, string contentRoot) =>
        options.Provider == StorageProvider.PostgreSql
            ? options.ConnectionString
            : SqliteConnectionString(options.ConnectionString, RepositorySettings.FindRoot(contentRoot) ?? contentRoot);

    /// <summary>
    /// The runbook's connections set no session state, so the pool's reset (<c>DISCARD ALL</c> before every reuse,
    /// a third of the statements on a vote's path) is work for nothing; an explicit setting in the string wins.
    /// </summary>
    private static string PostgreSqlConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        if (given.Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), nameof(Npgsql.NpgsqlConnectionStringBuilder.NoResetOnClose), StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ToString();
    }

    /// <summary>A relative SQLite file lives under the content root, and its folder is created.</summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(contentRoot, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
