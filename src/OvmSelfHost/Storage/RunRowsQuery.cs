using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OvmSelfHost.Storage;

/// <summary>
/// Loads a run in one database round trip: one command of several statements (PostgreSQL pipelines them;
/// SQLite steps through them in process), each read by a <see cref="RowMap{T}"/>. The SQL is built once, from the model.
/// </summary>
internal sealed class RunRowsQuery
{
    private readonly RowMap<MigrationRow> migrations;
    private readonly RowMap<StepRow> steps;
    private readonly RowMap<VoteRow> votes;
    private readonly RowMap<IntentRow> intents;
    private readonly RowMap<VoteSignInRow> signIns;
    private readonly RowMap<AuditLinkRow> links;
    private readonly RowMap<LeaseRow> leases;
    private readonly string load;

    public RunRowsQuery(IModel model)
    {
        migrations = new(model);
        steps = new(model);
        votes = new(model);
        intents = new(model);
        signIns = new(model);
        links = new(model);
        leases = new(model);
        load = string.Join(";\n",
            $"SELECT {migrations.SelectList} FROM {Q(migrations.Table)} WHERE {migrations.ColumnOf(nameof(MigrationRow.Id))} = @id",
            $"SELECT {leases.SelectList} FROM {Q(leases.Table)} WHERE {leases.ColumnOf(nameof(LeaseRow.Key))} = @lease",
            Children(steps, nameof(StepRow.MigrationId)),
            Children(votes, nameof(VoteRow.MigrationId)),
            Children(intents, nameof(IntentRow.MigrationId)),
            Children(signIns, nameof(VoteSignInRow.MigrationId)),
            $"{Children(links, nameof(AuditLinkRow.MigrationId))} ORDER BY {links.ColumnOf(nameof(AuditLinkRow.Sequence))} DESC LIMIT 1");
    }

    /// <summary>The run's rows, or null when there is no such run.</summary>
    public async Task<RunRows?> ReadAsync(MigrationDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = load;
            command.Parameters.Add(migrations.Parameter(command, "@id", nameof(MigrationRow.Id), id));
            command.Parameters.Add(leases.Parameter(command, "@lease", nameof(LeaseRow.Key), EfLeases.RunKey(id)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var migration = (await migrations.ReadAsync(reader, cancellationToken)).SingleOrDefault();
            await reader.NextResultAsync(cancellationToken);
            var lease = (await leases.ReadAsync(reader, cancellationToken)).SingleOrDefault();
            await reader.NextResultAsync(cancellationToken);
            var stepRows = await steps.ReadAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var voteRows = await votes.ReadAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var intentRows = await intents.ReadAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var signInRows = await signIns.ReadAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var last = (await links.ReadAsync(reader, cancellationToken)).SingleOrDefault();
            return migration is null ? null : new RunRows(migration, stepRows, voteRows, intentRows, signInRows, last, lease);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Q(string name) => RowMap<MigrationRow>.Quote(name);

    private static string Children<T>(RowMap<T> rows, string migrationId)
        where T : class, new() =>
        $"SELECT {rows.SelectList} FROM {Q(rows.Table)} WHERE {rows.ColumnOf(migrationId)} = @id";
}
