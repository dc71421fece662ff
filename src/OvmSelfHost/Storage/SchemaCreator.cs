using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>
/// Creates the tables (and their indexes) of our model that the database lacks, and the nullable columns
/// an existing table lacks: everything on a new database, only what is new on a database written by an
/// earlier version, so an operator's <c>data/</c> keeps working after an upgrade. Never drops or changes
/// an existing table's columns.
/// </summary>
/// <remarks>
/// EF Core's migrations would need a migration per change and per provider; our tables only ever grow by
/// whole tables or by nullable columns, which the model differ and the provider's SQL generator produce
/// from the model itself, for SQLite and PostgreSQL alike. A required column cannot be added to rows that
/// exist, so one is refused at start rather than guessed. Quartz's tables share the database and are not
/// in our model, so they are never touched.
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
        var wanted = operations.Where(o => o switch
        {
            CreateTableOperation table => missing.Contains(table.Name),
            CreateIndexOperation index => missing.Contains(index.Table),
            _ => false,
        }).ToList();
        foreach (var table in operations.OfType<CreateTableOperation>().Where(t => !missing.Contains(t.Name)))
        {
            wanted.AddRange(await MissingColumnsAsync(db, table, cancellationToken));
        }

        if (wanted.Count == 0)
        {
            return;
        }

        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(wanted, model);
        await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>(), cancellationToken);
    }

    private static async Task<IReadOnlyList<AddColumnOperation>> MissingColumnsAsync(MigrationDbContext db, CreateTableOperation table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        HashSet<string> existing;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsNpgsql()
                ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table"
                : "SELECT name FROM pragma_table_info(@table)";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = table.Name;
            command.Parameters.Add(parameter);
            existing = await ReadNamesAsync(command, cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }

        var added = table.Columns.Where(c => !existing.Contains(c.Name)).ToList();
        foreach (var column in added)
        {
            (column.Table, column.Schema) = (table.Name, table.Schema);
        }

        var required = added.Where(c => !c.IsNullable).Select(c => c.Name).ToList();
        return required.Count > 0
            ? throw new InvalidOperationException(
                $"Table {table.Name} lacks the required column(s) {string.Join(", ", required)}, which cannot be added to its rows; add them by hand or start from a new database.")
            : added;
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
