using OvmSelfHost.Runbook.Gates;
using Stateless;
using Stateless.Graph;

namespace OvmSelfHost.Runbook.Runs;

/// <summary>
/// The life of a migration as a transition table. The state lives in the run (external storage);
/// a machine is built for each command and never shared between commands.
/// </summary>
public sealed class RunStateMachine
{
    private readonly StateMachine<RunState, RunTrigger> machine;
    private readonly MigrationRun run;

    public RunStateMachine(MigrationRun run)
    {
        this.run = run;
        machine = new StateMachine<RunState, RunTrigger>(() => run.State, s => run.State = s, FiringMode.Queued);
        Configure();
    }

    public RunState State => machine.State;

    public bool CanFire(RunTrigger trigger, out ICollection<string> unmetGuards) => machine.CanFire(trigger, out unmetGuards);

    public void Fire(RunTrigger trigger) => machine.Fire(trigger);

    public IEnumerable<RunTrigger> PermittedTriggers => Enum.GetValues<RunTrigger>().Where(t => machine.CanFire(t));

    /// <summary>The machine of any run, as Mermaid text: the picture of the runbook's life.</summary>
    public static string Graph() =>
        MermaidGraph.Format(new RunStateMachine(MigrationRun.Create(Guid.Empty, "A", "B", "", "", DateTimeOffset.UnixEpoch)).machine.GetInfo());

    /// <summary>The machine as Mermaid text, with the current state marked.</summary>
    public string ToMermaid()
    {
        var graph = MermaidGraph.Format(machine.GetInfo());
        return run.IsTerminal || run.State == RunState.Queued
            ? graph
            : $"{graph}\n    classDef current fill:#f9d71c,stroke:#333,stroke-width:2px\n    class {run.State} current";
    }

    private void Configure()
    {
        const string notPastCutover = "the old manager of this phase is not stopped (after that, roll back instead of aborting)";
        const string somethingToUndo = "this phase has changed something to undo (before that, abort instead)";

        machine.Configure(RunState.Queued)
            .Permit(RunTrigger.Started, RunState.Ready)
            .Permit(RunTrigger.Abort, RunState.Aborted);

        machine.Configure(RunState.Ready)
            .Permit(RunTrigger.ApprovalRequested, RunState.AwaitingApproval)
            .Permit(RunTrigger.StepBegan, RunState.Running)
            .Permit(RunTrigger.Pause, RunState.Paused)
            .PermitIf(RunTrigger.Abort, RunState.Aborted, () => !run.IsPastPointOfNoReturn, notPastCutover)
            .PermitIf(RunTrigger.Rollback, RunState.RollbackPending, () => run.HasChangesToUndo, somethingToUndo);

        machine.Configure(RunState.AwaitingApproval)
            .Permit(RunTrigger.GateApproved, RunState.Ready)
            .Permit(RunTrigger.GateExpired, RunState.Ready)
            .Permit(RunTrigger.GateRejected, RunState.Rejected)
            .Permit(RunTrigger.StepFailed, RunState.Failed)
            .Permit(RunTrigger.Pause, RunState.Paused)
            .PermitIf(RunTrigger.Abort, RunState.Aborted, () => !run.IsPastPointOfNoReturn, notPastCutover)
            .PermitIf(RunTrigger.Rollback, RunState.RollbackPending, () => run.HasChangesToUndo, somethingToUndo);

        machine.Configure(RunState.Running)
            .PermitDynamic(RunTrigger.StepSucceeded, () => run.IsLastStep ? RunState.Completed : run.PauseRequested ? RunState.Paused : RunState.Ready)
            .Permit(RunTrigger.StepFailed, RunState.Failed)
            .Permit(RunTrigger.AcknowledgementRequested, RunState.AwaitingAcknowledgement);

        machine.Configure(RunState.AwaitingAcknowledgement)
            .PermitDynamic(RunTrigger.GateApproved, () => run.IsLastStep ? RunState.Completed : RunState.Ready)
            .Permit(RunTrigger.GateRejected, RunState.Rejected)
            .Permit(RunTrigger.StepFailed, RunState.Failed)
            .PermitIf(RunTrigger.Abort, RunState.Aborted, () => !run.IsPastPointOfNoReturn, notPastCutover)
            .PermitIf(RunTrigger.Rollback, RunState.RollbackPending, () => run.HasChangesToUndo, somethingToUndo);

        ConfigureStopped(RunState.Failed);
        ConfigureStopped(RunState.Rejected);
        ConfigureStopped(RunState.Paused);
        machine.Configure(RunState.Paused).Permit(RunTrigger.Resume, RunState.Ready);
        machine.Configure(RunState.Failed).Permit(RunTrigger.Retry, RunState.Ready);
        machine.Configure(RunState.Rejected).Permit(RunTrigger.Retry, RunState.Ready);

        // The gate opens with the state, so no path (however the rollback was asked for) waits without one.
        machine.Configure(RunState.RollbackPending)
            .OnEntry(() =>
            {
                run.GateRound++;
                run.PendingGate = GateKey.Rollback;
            })
            .Permit(RunTrigger.GateApproved, RunState.RollingBack)
            .Permit(RunTrigger.GateRejected, RunState.Paused);

        machine.Configure(RunState.RollingBack)
            .Permit(RunTrigger.RollbackSucceeded, RunState.RolledBack)
            .Permit(RunTrigger.RollbackFailed, RunState.Failed);
    }

    private void ConfigureStopped(RunState state) =>
        machine.Configure(state)
            .PermitIf(RunTrigger.Abort, RunState.Aborted, () => !run.IsPastPointOfNoReturn,
                "the old manager of this phase is not stopped (after that, roll back instead of aborting)")
            .PermitIf(RunTrigger.Rollback, RunState.RollbackPending, () => run.HasChangesToUndo,
                "this phase has changed something to undo (before that, abort instead)");
}
