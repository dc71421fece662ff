using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>
/// Creates the tables (and their indexes) of our model that the database lacks: all of them on a new
/// database, only the new ones on a database written by an earlier version, so an operator's
/// <c>data/</c> keeps working after an upgrade. Never alters or drops an existing table.
/// </summary>
/// <remarks>
/// EF Core's migrations would need a migration per change and per provider; our tables only ever
/// grow by whole tables, which the model differ can produce from the model itself. Quartz's tables
/// share the database and are not in our model, so they are never touched.
/// </remarks>
internal static class SchemaCreator
{
    public static async Task CreateMissingTablesAsync(MigrationDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        var existing = await ExistingTablesAsync(db, cancellationToken);
        var model = db.GetService<IDesignTimeModel>().Model;
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var missing = operations.OfType<CreateTableOperation>().Select(t => t.Name).Where(n => !existing.Contains(n)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (missing.Count == 0)
        {
            return;
        }

        var wanted = operations.Where(o => o switch
        {
            CreateTableOperation table => missing.Contains(table.Name),
            CreateIndexOperation index => missing.Contains(index.Table),
            _ => false,
        }).ToList();
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(wanted, model);
        await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>(), cancellationToken);
    }

    private static async Task<HashSet<string>> ExistingTablesAsync(MigrationDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsNpgsql()
                ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
            return await ReadNamesAsync(command, cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<HashSet<string>> ReadNamesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
