using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Leases;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// What a step handler works with: the phase, its facts, the ports for the machines of the phase,
/// and the intents (<see cref="RunIntents"/>) that make every side effect happen at most once.
/// </summary>
public sealed class StepContext(
    MigrationRun run,
    RunbookSettings settings,
    IOvmConnections ovm,
    IMigrationStore store,
    IRunNotifier notifier,
    TimeProvider time,
    OperationDurations durations,
    RunLease lease)
{
    private readonly RunIntents intents = new(run, settings, store, time, durations, lease, (line, token) => OutputLine(run, store, notifier, lease, line, token));

    public MigrationRun Run => run;
    public RunbookSettings Settings => settings;
    public PhasePlan Plan => run.CurrentPhase;
    public PhaseFacts Facts => run.CurrentFacts;
    public TimeProvider Time => time;

    /// <summary>Every manager and host of the pair, for observations beyond this phase's roles (a pair already migrated).</summary>
    public IOvmConnections Connections => ovm;

    public EnvironmentPlan TargetPlan => settings.Environment(Plan.Target);
    public EnvironmentPlan HostingPlan => settings.Environment(Plan.Hosting);

    /// <summary>The manager that runs the hosting environment now (phase 2: the replacement installed in phase 1).</summary>
    public IOvmManager HostingManager => ovm.Manager(Plan.Hosting, Plan.HostingManagerRole);
    public IOvmManager OldManager => ovm.Manager(Plan.Target, ManagerRole.Original);
    public IOvmManager NewManager => ovm.Manager(Plan.Target, ManagerRole.Replacement);
    public IManagerHost OldManagerHost => ovm.Host(Plan.Target, HostRole.OriginalManager);
    public IManagerHost NewManagerHost => ovm.Host(Plan.Target, HostRole.ReplacementVm);
    public IManagerHost DatabaseHost => ovm.Host(Plan.Target, HostRole.Database);

    /// <summary>Keeps the line with the step, hands it to the chat channels' outbox (so an outage does not lose it), then to the console.</summary>
    public Task OutputAsync(string line, CancellationToken cancellationToken) => OutputLine(run, store, notifier, lease, line, cancellationToken);

    private static async Task OutputLine(MigrationRun run, IMigrationStore store, IRunNotifier notifier, RunLease lease, string line, CancellationToken cancellationToken)
    {
        var step = run.CurrentStep;
        step.Output.Add(line);
        if (step.Output.Count > 200)
        {
            step.Output.RemoveAt(0);
        }

        await store.NotifyAsync(run, RunNotice.Output(line), lease.Fence, cancellationToken);
        await notifier.StepOutputAsync(run.Id, run.Phase, run.Step, line, cancellationToken);
    }

    /// <inheritdoc cref="RunIntents.RunJobAsync"/>
    public Task<OvmJobResult> RunJobAsync(IOvmManager manager, string key, OvmOperation operation, CancellationToken cancellationToken) =>
        intents.RunJobAsync(manager, key, operation, cancellationToken);

    /// <inheritdoc cref="RunIntents.RunOnceAsync"/>
    public Task RunOnceAsync(
        string key, string description, Func<CancellationToken, Task> action, Func<CancellationToken, Task<bool>> isDone,
        bool safeToRepeat, CancellationToken cancellationToken) =>
        intents.RunOnceAsync(key, description, action, isDone, safeToRepeat, cancellationToken);

    /// <inheritdoc cref="RunIntents.CompleteObservedAsync"/>
    public Task CompleteObservedAsync(string key, CancellationToken cancellationToken) => intents.CompleteObservedAsync(key, cancellationToken);

    /// <inheritdoc cref="RunIntents.HasActed"/>
    public bool HasActed => intents.HasActed;
}
