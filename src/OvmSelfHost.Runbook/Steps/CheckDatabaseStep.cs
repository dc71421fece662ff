using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>When the manager's database runs in its own VM, it must be up before the install.</summary>
public sealed class CheckDatabaseStep : IStepHandler
{
    public StepKind Kind => StepKind.CheckDatabase;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        if (!context.TargetPlan.SeparateDatabase)
        {
            return StepOutcome.Skipped($"{context.Plan.Target}'s database runs beside its manager: nothing to check.");
        }

        var service = context.Settings.DatabaseService;
        var state = await context.DatabaseHost.GetServiceStateAsync(service, cancellationToken);
        return state == ServiceState.Running
            ? StepOutcome.Succeeded($"{service} is running on {context.Plan.Target}'s database host.")
            : StepOutcome.Failed($"{service} on {context.Plan.Target}'s database host reads {state}. Start the database VM and its service, then retry.");
    }
}
