using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Engine;

/// <summary>Tells the channels that a run changed; called only after the change is saved.</summary>
public interface IRunNotifier
{
    Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken);

    Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken);
}
