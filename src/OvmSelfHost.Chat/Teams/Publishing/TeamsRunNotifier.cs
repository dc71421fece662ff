using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Chat.Teams.Publishing;

/// <summary>Listens to the engine (after each save) and queues a refresh of the migration's card; never calls Teams itself.</summary>
public sealed class TeamsRunNotifier(TeamsRunUpdates updates) : IRunNotifier
{
    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken)
    {
        updates.Publish(run.Id);
        return Task.CompletedTask;
    }

    /// <summary>Installer output is not shown on the card (it would rewrite it for every line).</summary>
    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken) => Task.CompletedTask;
}
