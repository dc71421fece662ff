using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Invariants;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Read-only checks of both environments before anything changes.</summary>
public sealed class PreflightStep : IStepHandler
{
    public StepKind Kind => StepKind.Preflight;

    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) => StepObservation.ReadsOnlyTask;

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var hosting = await context.HostingManager.GetStatusAsync(cancellationToken);
        var target = await context.OldManager.GetStatusAsync(cancellationToken);
        if (!hosting.IsRunning || !target.IsRunning)
        {
            return StepOutcome.Failed($"Both managers must be RUNNING: {plan.Hosting} is {hosting.RunState}, {plan.Target} is {target.RunState}.");
        }

        var targetInventory = await context.OldManager.GetInventoryAsync(cancellationToken);
        var hostingInventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var pool = hostingInventory.Pool(context.HostingPlan.HostingPool);
        var problems = new List<string>();
        if (SelfHostingRule.Violation(plan.Target, plan.Hosting, hosting.ManagerUuid, target.ManagerUuid, pool?.Id ?? "", targetInventory) is { } selfHosting)
        {
            problems.Add(selfHosting);
        }

        var poolProblem = HighAvailabilityRule.PoolViolation(pool, context.HostingPlan.HostingPool);
        var canPrepare = context.HostingPlan.ServersToDiscover is { Count: >= 2 };
        if (poolProblem is not null && !canPrepare)
        {
            problems.Add($"{poolProblem} Set up guide step 2 in {plan.Hosting}, or list its servers under ServersToDiscover.");
        }

        var service = await context.OldManagerHost.GetServiceStateAsync(context.Settings.ManagerService, cancellationToken);
        if (service != Ports.ServiceState.Running)
        {
            problems.Add($"The {context.Settings.ManagerService} service on {plan.Target}'s manager host reads {service}, not Running.");
        }

        if (problems.Count > 0)
        {
            return StepOutcome.Failed(string.Join(" ", problems));
        }

        context.Facts.HostingManagerUuid = hosting.ManagerUuid;
        context.Facts.HostingPoolId = pool?.Id;
        var summary = $"{plan.Describe()}. {plan.Target}: {targetInventory.Counts()}. Hosting pool {context.HostingPlan.HostingPool}: " +
                      (poolProblem is null ? "clustered, ready." : $"{poolProblem} It will be prepared.");
        return NotMinimal(context, targetInventory) is { } warning
            ? StepOutcome.NeedsAcknowledgement(GateKeys.AcknowledgeNonMinimal, $"{warning} {summary}")
            : StepOutcome.Succeeded(summary);
    }

    private static string? NotMinimal(StepContext context, Ports.EnvironmentInventory inventory)
    {
        var settings = context.Settings;
        if (inventory.Vms.Count <= settings.MaximumVmsForMinimal && inventory.Repositories.Count <= settings.MaximumRepositoriesForMinimal)
        {
            return null;
        }

        var warning = $"{context.Plan.Target} is not a minimal installation ({inventory.Vms.Count} VMs, {inventory.Repositories.Count} repositories; " +
                      $"limits {settings.MaximumVmsForMinimal} and {settings.MaximumRepositoriesForMinimal}). The procedure is meant for initial setup: " +
                      "acknowledge to go on anyway.";
        context.Facts.Warnings.Add(warning);
        return warning;
    }
}
