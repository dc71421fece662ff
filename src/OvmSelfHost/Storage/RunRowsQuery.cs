using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using OvmSelfHost.Runbook.Leases;

namespace OvmSelfHost.Storage;

/// <summary>
/// Loads a run in one database round trip: one command of several statements (PostgreSQL pipelines them;
/// SQLite steps through them in process), each read by a <see cref="RowReader{T}"/>. In a save's
/// transaction the same command first checks the executor's fence, touching the lease row so that no
/// grant passes it until the commit. The SQL is built once, from the model.
/// </summary>
internal sealed class RunRowsQuery
{
    private readonly RowReader<MigrationRow> migrations;
    private readonly RowReader<StepRow> steps;
    private readonly RowReader<VoteRow> votes;
    private readonly RowReader<IntentRow> intents;
    private readonly RowReader<VoteSignInRow> signIns;
    private readonly RowReader<AuditLinkRow> links;
    private readonly RowReader<LeaseRow> leases;
    private readonly string load;
    private readonly string fenced;

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
        // Setting the token to itself changes nothing but locks the row, as the fence check of a save always has (see EfLeases.CheckAsync).
        var token = leases.ColumnOf(nameof(LeaseRow.Token));
        fenced = $"UPDATE {Q(leases.Table)} SET {token} = {token} WHERE {leases.ColumnOf(nameof(LeaseRow.Key))} = @lease " +
                 $"AND {leases.ColumnOf(nameof(LeaseRow.Instance))} = @instance AND {token} = @token AND NOT {leases.ColumnOf(nameof(LeaseRow.Released))} " +
                 $"RETURNING {token};\n{load}";
    }

    /// <summary>The run's rows, or null when there is no such run.</summary>
    /// <param name="fence">The executor's fence, checked first (in the caller's transaction); none for a person's change or a read.</param>
    /// <exception cref="LeaseLostException">The fence no longer holds.</exception>
    public async Task<RunRows?> ReadAsync(MigrationDbContext db, Guid id, RunFence? fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var check = fence is { IsNone: false };
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = check ? fenced : load;
            command.Parameters.Add(migrations.Parameter(command, "@id", nameof(MigrationRow.Id), id));
            command.Parameters.Add(leases.Parameter(command, "@lease", nameof(LeaseRow.Key), EfLeases.RunKey(id)));
            if (check)
            {
                command.Parameters.Add(leases.Parameter(command, "@instance", nameof(LeaseRow.Instance), fence!.Instance));
                command.Parameters.Add(leases.Parameter(command, "@token", nameof(LeaseRow.Token), fence.Token));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (check)
            {
                var held = await reader.ReadAsync(cancellationToken);
                if (!held)
                {
                    throw new LeaseLostException(id, $"the database names another holder than {fence!.Instance} (token {fence.Token})");
                }

                await reader.NextResultAsync(cancellationToken);
            }

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

    private static string Q(string name) => RowReader<MigrationRow>.Quote(name);

    private static string Children<T>(RowReader<T> rows, string migrationId)
        where T : class, new() =>
        $"SELECT {rows.SelectList} FROM {Q(rows.Table)} WHERE {rows.ColumnOf(migrationId)} = @id";
}
