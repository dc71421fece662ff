using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Readiness;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Read-only checks of both environments before anything changes: the standing readiness checks of the phase's
/// direction (<see cref="PairReadiness.CheckPhaseAsync"/>), so what the daily check reports is what refuses a migration.
/// </summary>
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

        var report = await new PairReadiness(context.Connections, context.Settings, context.Time).CheckPhaseAsync(plan, cancellationToken);
        var failing = report.Checks.Where(c => c.Status == ReadinessStatus.Fail).ToList();
        if (failing.Count > 0)
        {
            return StepOutcome.Failed($"Preflight refused ({failing.Count} failing readiness check{(failing.Count == 1 ? "" : "s")}): " +
                                      string.Join(" ", failing.Select(c => $"[{c.Name}] {c.Detail}")) + " Nothing was created.");
        }

        var hostingInventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var targetInventory = await context.OldManager.GetInventoryAsync(cancellationToken);
        context.Facts.HostingManagerUuid = hosting.ManagerUuid;
        context.Facts.HostingPoolId = hostingInventory.Pool(context.HostingPlan.HostingPool)?.Id;
        var warnings = report.Checks.Where(c => c.Status == ReadinessStatus.Warn).ToList();
        var summary = $"{plan.Describe()}. {plan.Target}: {targetInventory.Counts()}. {report.Checks.Count - warnings.Count} readiness checks passed" +
                      (warnings.Count == 0 ? "." : $"; to note: {string.Join(" ", warnings.Select(c => $"[{c.Name}] {c.Detail}"))}");
        if (warnings.FirstOrDefault(c => c.Name == $"minimal:{plan.Target}") is { } notMinimal)
        {
            context.Facts.Warnings.Add(notMinimal.Detail);
            return StepOutcome.NeedsAcknowledgement(GateKey.AcknowledgeNonMinimal, $"{notMinimal.Detail} {summary}");
        }

        return StepOutcome.Succeeded(summary);
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
}
