using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OvmSelfHost.Replicas;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Running;

/// <summary>
/// Advances runs in the background: requests answer at once, work happens here. A run is advanced
/// only by the replica holding its lease; this one renews what it holds, sweeps for runs nobody
/// executes (a dead replica's, or this replica's own before a restart) and takes them, and wakes the
/// executor elsewhere when a change made here concerns a run it holds. A graceful stop lets the
/// running steps go (their Oracle VM jobs are recorded, so the next holder re-attaches to them) and
/// releases every lease, so another replica continues at once.
/// </summary>
internal sealed partial class BackgroundRunDriver(
    IServiceProvider services, EfLeases leases, IOptions<ReplicaOptions> options, ILogger<BackgroundRunDriver> logger) : BackgroundService, IRunDriver
{
    private readonly Channel<(Guid Id, bool Forward)> kicks = Channel.CreateUnbounded<(Guid, bool)>();
    private readonly ConcurrentDictionary<Guid, Task> working = new();
    private MigrationEngine? engine;

    /// <summary>A window edge, say: advance it here, or wake its executor.</summary>
    public void Kick(Guid migrationId) => kicks.Writer.TryWrite((migrationId, true));

    /// <summary>A request or a vote saved here: its save's NOTIFY woke the executor elsewhere already, so no kick is sent after it.</summary>
    public void Saved(Guid migrationId) => kicks.Writer.TryWrite((migrationId, false));

    /// <summary>Heard from another replica: advance only when this replica executes the run.</summary>
    /// <returns>True when it does.</returns>
    public bool WakeIfHeld(Guid migrationId)
    {
        if (engine?.Advancer.Holds(migrationId) != true)
        {
            return false;
        }

        kicks.Writer.TryWrite((migrationId, false));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine = services.GetRequiredService<MigrationEngine>();
        if (!engine.AdaptersConfigured)
        {
            LogNoAdapter(logger);
        }

        var loops = Task.WhenAll(RenewLoopAsync(engine, stoppingToken), SweepLoopAsync(stoppingToken));
        try
        {
            await foreach (var (id, forward) in kicks.Reader.ReadAllAsync(stoppingToken))
            {
                Track(AdvanceAsync(engine, id, forward, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: see StopAsync.
        }

        await loops;
    }

    /// <summary>Stops the advances first (nothing is saved after), then hands every run over by releasing its lease.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(working.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (engine is not null)
        {
            try
            {
                await engine.Advancer.ReleaseAllAsync(cancellationToken);
                LogReleased(logger, options.Value.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The leases expire by themselves within LeaseDuration.
                LogReleaseFailed(logger, ex);
            }
        }
    }

    private void Track(Task task)
    {
        var key = Guid.NewGuid();
        working[key] = task;
        _ = task.ContinueWith(_ => working.TryRemove(key, out Task? _), TaskScheduler.Default);
    }

    private async Task AdvanceAsync(MigrationEngine runs, Guid id, bool forward, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (!await runs.AdvanceAsync(id, stoppingToken) && forward)
            {
                await services.GetRequiredService<ReplicaBus>().PublishAsync("kick", id, null, null, 0, null, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the run stays where it was saved and the next holder resumes it.
        }
        catch (LeaseLostException lost)
        {
            LogLeaseLost(logger, id, lost.Message);
        }
        catch (Exception ex)
        {
            LogAdvanceFailed(logger, id, ex);
        }
    }

    private async Task RenewLoopAsync(MigrationEngine runs, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewEvery);
        while (await Tick(timer, stoppingToken))
        {
            try
            {
                await runs.Advancer.RenewAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRenewFailed(logger, ex);
            }
        }
    }

    /// <summary>Takes runs nobody executes; now and then advances the ones held here too, in case a wake-up was missed.</summary>
    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
        var rounds = 0;
        do
        {
            try
            {
                foreach (var id in await leases.UnownedRunsAsync(stoppingToken))
                {
                    kicks.Writer.TryWrite((id, false));
                }

                if (++rounds % 10 == 0 && engine is not null)
                {
                    foreach (var id in engine.Advancer.Held)
                    {
                        kicks.Writer.TryWrite((id, false));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "No Oracle VM adapter is configured (Ovm:Adapter): migrations wait before preflight.")]
    private static partial void LogNoAdapter(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Advancing migration {MigrationId} failed unexpectedly; it stays where it was saved.")]
    private static partial void LogAdvanceFailed(ILogger logger, Guid migrationId, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Stopped executing migration {MigrationId}: {Reason} Nothing more is saved from here; its new holder continues it.")]
    private static partial void LogLeaseLost(ILogger logger, Guid migrationId, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Renewing this replica's leases failed; a lease not renewed in time passes to another replica.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Looking for runs without an executor failed; trying again at the next sweep.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Replica {Replica} stopped: its runs are handed over (leases released).")]
    private static partial void LogReleased(ILogger logger, string replica);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Releasing the leases at stop failed; they pass to another replica when they expire.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
