using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Running;

/// <summary>
/// Tells every live listener (the web console's event stream; chat channels hear through the outbox).
/// A failing listener never stops the engine or the others: the change is already saved.
/// </summary>
internal sealed partial class CompositeRunNotifier(IEnumerable<IRunNotifier> listeners, ILogger<CompositeRunNotifier> logger) : IRunNotifier
{
    private readonly IReadOnlyList<IRunNotifier> all = listeners.ToList();

    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken) =>
        EachAsync(l => l.RunChangedAsync(run, what, cancellationToken));

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) =>
        EachAsync(l => l.StepOutputAsync(migrationId, phase, step, line, cancellationToken));

    private async Task EachAsync(Func<IRunNotifier, Task> tell)
    {
        foreach (var listener in all)
        {
            try
            {
                await tell(listener);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogListenerFailed(logger, listener.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Run listener {Listener} failed; the run itself is saved.")]
    private static partial void LogListenerFailed(ILogger logger, string listener, Exception exception);
}
