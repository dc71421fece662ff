using System.Collections.Concurrent;
using System.Threading.Channels;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Running;

/// <summary>
/// Fans run changes out to whoever watches. Called by the engine after each save, so a watcher
/// never hears of a change that is not stored. Slow watchers lose old events, never block the engine.
/// </summary>
public sealed class RunEvents : IRunNotifier
{
    private readonly ConcurrentDictionary<Guid, Channel<RunEvent>> watchers = new();

    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken)
    {
        Publish(new RunEvent(run.Id, "changed", what, run.State.ToString(), run.Phase, run.Step.ToString(), run.Version));
        return Task.CompletedTask;
    }

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken)
    {
        Publish(new RunEvent(migrationId, "output", line, null, phase, step.ToString()));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<RunEvent> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<RunEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        watchers[id] = channel;
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            watchers.TryRemove(id, out _);
        }
    }

    /// <summary>An event heard from another replica: shown to this replica's watchers as if it happened here.</summary>
    public void Relay(RunEvent item) => Publish(item);

    private void Publish(RunEvent item)
    {
        foreach (var channel in watchers.Values)
        {
            channel.Writer.TryWrite(item);
        }
    }
}
