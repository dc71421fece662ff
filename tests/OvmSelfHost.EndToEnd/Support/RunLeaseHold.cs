using Microsoft.Data.Sqlite;

namespace OvmSelfHost.EndToEnd.Support;

/// <summary>
/// The test standing as a replica of its own ("crash-drill") that holds a run's lease in a host's SQLite database
/// (ovm_leases, as the host's EF model maps it): a host started meanwhile cannot resume the run until
/// <see cref="ReleaseAsync"/> hands it over. A crash drill takes it between a kill and the restart, so that it is
/// listening to the new host before the run moves again: a step that takes milliseconds cannot pass unseen.
/// </summary>
public sealed class RunLeaseHold
{
    private const string Holder = "crash-drill";
    private readonly string connectionString;
    private readonly string key;

    private RunLeaseHold(string database, Guid migrationId)
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = database, DefaultTimeout = 30, Pooling = false }.ToString();
        key = $"run:{migrationId:N}";
    }

    /// <summary>Takes the run's lease with the next fencing token, for as long as the test keeps it.</summary>
    public static async Task<RunLeaseHold> TakeAsync(string database, Guid migrationId)
    {
        var hold = new RunLeaseHold(database, migrationId);
        await hold.ExecuteAsync("""
            INSERT INTO ovm_leases ("Key", "Replica", "Instance", "Token", "ExpiresAt", "Released")
            VALUES ($key, $holder, $holder, 1, '9999-12-31 00:00:00', 0)
            ON CONFLICT ("Key") DO UPDATE SET "Replica" = $holder, "Instance" = $holder, "Token" = "Token" + 1,
                "ExpiresAt" = '9999-12-31 00:00:00', "Released" = 0
            """);
        return hold;
    }

    /// <summary>Lets the run go as a replica stopping gracefully does: the host's next sweep takes it.</summary>
    public Task ReleaseAsync() =>
        ExecuteAsync("""UPDATE ovm_leases SET "Released" = 1, "ExpiresAt" = '0001-01-01 00:00:00' WHERE "Key" = $key AND "Instance" = $holder""");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$holder", Holder);
        var changed = await command.ExecuteNonQueryAsync();
        if (changed != 1)
        {
            throw new InvalidOperationException($"The lease of {key} was not held or released by {Holder} ({changed} rows).");
        }
    }
}
