using Npgsql;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// Reads what the replicas stored, straight from their PostgreSQL database (table and column names as the
/// host's EF model maps them): the drills check the rows themselves, not only what the API answers.
/// </summary>
public sealed class ReplicaDatabase(string connectionString)
{
    /// <summary>The thread lines the outbox holds for a migration on a channel, in the order they were written.</summary>
    public Task<List<string>> OutboxLinesAsync(Guid migrationId, string channel) =>
        ListAsync("""SELECT "Line" FROM ovm_outbox WHERE "MigrationId" = @id AND "Channel" = @channel AND "Line" IS NOT NULL ORDER BY "Id" """,
            r => r.GetString(0), ("id", migrationId), ("channel", channel));

    /// <summary>The outbox rows of a migration on a channel not delivered yet.</summary>
    public async Task<long> UndeliveredAsync(Guid migrationId, string channel) =>
        (await ListAsync("""SELECT count(*) FROM ovm_outbox WHERE "MigrationId" = @id AND "Channel" = @channel AND "DeliveredAt" IS NULL""",
            r => r.GetInt64(0), ("id", migrationId), ("channel", channel)))[0];

    /// <summary>The migration's journal as (action, actor, detail), in order.</summary>
    public Task<List<(string Action, string Actor, string Detail)>> JournalAsync(Guid migrationId) =>
        ListAsync("""SELECT "Action", "Actor", "Detail" FROM ovm_audit WHERE "MigrationId" = @id ORDER BY "Id" """,
            r => (r.GetString(0), r.GetString(1), r.GetString(2)), ("id", migrationId));

    /// <summary>The run's lease row: who holds it, under which token.</summary>
    public async Task<(string Replica, string Instance, long Token)> RunLeaseAsync(Guid migrationId) =>
        (await ListAsync("""SELECT "Replica", "Instance", "Token" FROM ovm_leases WHERE "Key" = @key""",
            r => (r.GetString(0), r.GetString(1), r.GetInt64(2)), ("key", $"run:{migrationId:N}"))).Single();

    private async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
