using System.Text.Json;
using Npgsql;
using OvmSelfHost.Configuration;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Running;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Replicas;

/// <summary>
/// Replicas on one PostgreSQL database hear each other through LISTEN/NOTIFY on one channel (no extra
/// broker): a change saved on one shows at once on the consoles of all, and wakes the run's executor
/// wherever it is. On SQLite (one process) there is nobody else, and nothing is sent.
/// Delivery is best effort: a missed message delays a run by one sweep at most, never loses anything.
/// A saved change is announced from inside its save (<see cref="Announcement"/>), so it goes out at the commit
/// and never for a write rolled back. When a gate of a run opens, the replicas that do not execute it read it,
/// off any request's path, so the vote each may take next is decided and saved without a read.
/// </summary>
internal sealed partial class ReplicaBus(
    StorageOptions storage, ReplicaIdentity me, RunEvents events, IServiceProvider services, ILogger<ReplicaBus> logger) : BackgroundService, IChangeAnnouncer
{
    public const string Channel = "ovm_replicas";

    /// <summary>NOTIFY payloads must stay under 8000 bytes.</summary>
    private const int MaxText = 1500;

    private readonly NpgsqlDataSource? source = storage.Provider == StorageProvider.PostgreSql ? Publishing(storage.ConnectionString) : null;

    public bool Enabled => source is not null;

    public async Task PublishAsync(string kind, Guid migrationId, string? text, string? state, int phase, string? step, CancellationToken cancellationToken, long version = 0)
    {
        if (source is null)
        {
            return;
        }

        var payload = Payload(kind, migrationId, text, state, phase, step, version);
        await using var command = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public (string Channel, string Payload)? Announcement(MigrationRun run, long version, string what) =>
        source is null ? null : (Channel, Payload("changed", run.Id, what, run.State.ToString(), run.Phase, run.Step.ToString(), version));

    private string Payload(string kind, Guid migrationId, string? text, string? state, int phase, string? step, long version)
    {
        var shortText = text is { Length: > MaxText } ? text[..MaxText] : text;
        return JsonSerializer.Serialize(new ReplicaMessage(me.Instance, kind, migrationId, shortText, state, phase, step, version));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                LogListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // A connection of its own, never pooled: it listens for as long as it lives, and no publisher gets it back still listening.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => Heard(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private void Heard(string payload)
    {
        ReplicaMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ReplicaMessage>(payload);
        }
        catch (JsonException)
        {
            return;
        }

        if (message is null || message.Origin == me.Instance)
        {
            return;
        }

        if (message.Kind is "changed" or "output")
        {
            events.Relay(new RunEvent(message.MigrationId, message.Kind, message.Text ?? "", message.State, message.Phase, message.Step ?? "", message.Version));
        }

        if (message.Kind is "changed" or "kick" && !services.GetRequiredService<BackgroundRunDriver>().WakeIfHeld(message.MigrationId)
            && message.State == nameof(RunState.AwaitingApproval))
        {
            _ = RefreshAsync(message.MigrationId, message.Version);
        }
    }

    /// <summary>
    /// A gate waits for votes: every replica but the executor (which reads the run anyway when woken) reads it now, unless its
    /// copy is current, so the vote it may take next is decided and saved without a read. Other changes leave a copy as it is
    /// (the save's version check catches a stale one), so no read competes with the executor's right after a vote.
    /// </summary>
    private async Task RefreshAsync(Guid migrationId, long version)
    {
        try
        {
            await Task.Yield();
            await services.GetRequiredService<EfMigrationStore>().RefreshAsync(migrationId, version, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The copy only saves a read: the next change reads the run itself.
            LogRefreshFailed(logger, migrationId, ex);
        }
    }

    /// <summary>Publishing sets no session state: no pool reset (<c>DISCARD ALL</c>) before each reuse.</summary>
    private static NpgsqlDataSource Publishing(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ToString());

    public override void Dispose()
    {
        source?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 4802, Level = LogLevel.Debug, Message = "Reading migration {MigrationId} again after another replica's save failed; the next change here reads it itself.")]
    private static partial void LogRefreshFailed(ILogger logger, Guid migrationId, Exception exception);

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "Listening to the other replicas (PostgreSQL LISTEN) failed; trying again in a second.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
