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
        var (hosting, hostingFault) = await StatusAsync(context.HostingManager, cancellationToken);
        var (target, targetFault) = await StatusAsync(context.OldManager, cancellationToken);
        if (hosting is not { IsRunning: true } || target is not { IsRunning: true })
        {
            // A manager that does not run may have moved already: say so rather than ask for it to be started.
            return StepOutcome.Failed(await MigratedPair.ObserveAsync(context, cancellationToken)
                ?? $"Both managers must be RUNNING, and the pair is not migrated already (no replacement manager answers with their UUIDs): " +
                   $"{plan.Hosting}'s manager {Reading(hosting, hostingFault)}; {plan.Target}'s manager {Reading(target, targetFault)}. Nothing was changed.");
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

        if (poolProblem is null
            && HaCapacityRule.Violation(hostingInventory, pool, context.HostingPlan.HostingPool, context.TargetPlan.ReplacementVm.MemoryMegabytes) is { } room)
        {
            problems.Add($"{room} Nothing was created.");
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

    private static async Task<(Ports.ManagerStatus? Status, Ports.OvmFaultException? Fault)> StatusAsync(Ports.IOvmManager manager, CancellationToken cancellationToken)
    {
        try
        {
            return (await manager.GetStatusAsync(cancellationToken), null);
        }
        catch (Ports.OvmFaultException fault)
        {
            return (null, fault);
        }
    }

    private static string Reading(Ports.ManagerStatus? status, Ports.OvmFaultException? fault) =>
        status is not null ? $"is {status.RunState}" : $"could not be read ({fault!.Kind}: {fault.Message})";

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
