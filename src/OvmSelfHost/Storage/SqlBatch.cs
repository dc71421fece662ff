using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using OvmSelfHost.Operations;

namespace OvmSelfHost.Storage;

/// <summary>
/// Runs a hand-batched write all or nothing.
/// <para>
/// PostgreSQL: one command, so one round trip. Npgsql sends its statements with a single Sync, and PostgreSQL runs
/// them in one implicit transaction (or in the caller's). A guarded statement that changed no row raises an error
/// (a cast that fails on purpose, naming the guard), which voids the statements already run and skips the rest.
/// </para>
/// <para>SQLite (in process, so round trips cost nothing): statement by statement in one transaction, each guard checked by its count.</para>
/// </summary>
internal static class SqlBatch
{
    private const string GuardMark = "ovm-guard-";

    /// <exception cref="SqlGuardException">A guard changed no row; nothing was written.</exception>
    /// <exception cref="SqlConflictException">A unique index refused a row (a concurrent write); nothing was written.</exception>
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(statements);
        using var span = HostTelemetry.Source.StartActivity("db save", ActivityKind.Client);
        span?.SetTag("db.system", connection is NpgsqlConnection ? "postgresql" : "sqlite");
        span?.SetTag("db.statements", statements.Count);
        try
        {
            if (connection is NpgsqlConnection)
            {
                await OneCommandAsync(connection, transaction, statements, cancellationToken);
            }
            else
            {
                await EachInTransactionAsync(connection, transaction, statements, cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidTextRepresentation && ex.MessageText.Contains(GuardMark, StringComparison.Ordinal))
        {
            span?.SetStatus(ActivityStatusCode.Error, "guard");
            throw new SqlGuardException(Enum.GetValues<SqlGuard>().Single(g => ex.MessageText.Contains($"{GuardMark}{g}-", StringComparison.Ordinal)), ex);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            span?.SetStatus(ActivityStatusCode.Error, "conflict");
            throw new SqlConflictException(ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            span?.SetStatus(ActivityStatusCode.Error, "conflict");
            throw new SqlConflictException(ex);
        }
        catch (SqlGuardException)
        {
            span?.SetStatus(ActivityStatusCode.Error, "guard");
            throw;
        }
    }

    /// <summary>One statement on its own (its guard not applied): how many rows it changed.</summary>
    public static async Task<int> ExecuteOneAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(statement);
        await using var command = connection.CreateCommand();
        command.CommandText = statement.Text;
        foreach (var value in statement.Values)
        {
            command.Parameters.Add(value.Bind(command));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task OneCommandAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Join(";\n", statements.Select(PostgreSqlText));
        foreach (var value in statements.SelectMany(s => s.Values))
        {
            command.Parameters.Add(value.Bind(command));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A guard as a query that fails unless its statement changed exactly one row; <c>count(*)</c> keeps the planner from folding the cast.</summary>
    private static string PostgreSqlText(SqlStatement statement) =>
        statement.Guard is { } guard
            ? $"WITH g AS ({statement.Text} RETURNING 1) SELECT CASE count(*) WHEN 1 THEN 1 ELSE ('{GuardMark}{guard}-' || count(*))::int END FROM g"
            : statement.Text;

    private static async Task EachInTransactionAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var own = transaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            foreach (var statement in statements)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction ?? own;
                command.CommandText = statement.Text;
                foreach (var value in statement.Values)
                {
                    command.Parameters.Add(value.Bind(command));
                }

                var changed = await command.ExecuteNonQueryAsync(cancellationToken);
                if (statement.Guard is { } guard && changed != 1)
                {
                    throw new SqlGuardException(guard);
                }
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
    }
}
