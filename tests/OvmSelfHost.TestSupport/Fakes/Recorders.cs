using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.TestSupport.Fakes;

public sealed class RecordingNotifier : IRunNotifier
{
    public List<string> Changes { get; } = [];
    public List<string> Output { get; } = [];

    public Task RunChangedAsync(MigrationRun run, string what, CancellationToken cancellationToken)
    {
        lock (Changes)
        {
            Changes.Add($"{run.State}: {what}");
        }

        return Task.CompletedTask;
    }

    public Task StepOutputAsync(Guid migrationId, int phase, StepKind step, string line, CancellationToken cancellationToken)
    {
        lock (Output)
        {
            Output.Add(line);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Records kicks; the tests advance runs themselves, one call at a time.</summary>
public sealed class RecordingDriver : IRunDriver
{
    public List<Guid> Kicks { get; } = [];

    public void Kick(Guid migrationId)
    {
        lock (Kicks)
        {
            Kicks.Add(migrationId);
        }
    }
}
