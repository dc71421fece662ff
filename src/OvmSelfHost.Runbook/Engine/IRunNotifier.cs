using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>
/// Tells live watchers (the web console's event stream) that a run changed; called only after the
/// change is saved. Chat channels are not told here: they get the change's notice through the outbox.
/// </summary>
public interface IRunNotifier
{
    Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken);

    Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken);
}
