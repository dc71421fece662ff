using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>The cutover: stops the old manager and confirms it is down (the precondition of invariant 2).</summary>
public sealed class StopOldManagerStep : IStepHandler
{
    public StepKind Kind => StepKind.StopOldManager;

    /// <summary>Done when the old manager's service reads Stopped and its WS-API no longer answers RUNNING.</summary>
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) =>
        await IsDownAsync(context, cancellationToken)
            ? StepObservation.Done($"{context.Plan.Target}'s old manager is stopped: the {context.Settings.ManagerService} service reads Stopped and its WS-API no longer answers RUNNING.")
            : StepObservation.NotDone($"{context.Plan.Target}'s old manager is still up.");

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var service = context.Settings.ManagerService;
        var host = context.OldManagerHost;
        await context.RunOnceAsync(
            "stop",
            $"service {service} stop on {context.Plan.Target}'s manager host",
            ct => host.StopServiceAsync(service, ct),
            async ct => await host.GetServiceStateAsync(service, ct) == ServiceState.Stopped,
            safeToRepeat: true,
            cancellationToken);

        return await ConfirmDownAsync(context, cancellationToken)
            ? StepOutcome.Succeeded($"{context.Plan.Target}'s old manager is stopped: the {service} service reads Stopped and its WS-API no longer answers RUNNING.")
            : StepOutcome.Failed($"{context.Plan.Target}'s old manager still looks alive after 'service {service} stop'. Check the host; do not rediscover until it is down.");
    }

    /// <summary>Both the service and the WS-API must agree the manager is gone.</summary>
    internal static async Task<bool> ConfirmDownAsync(StepContext context, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + context.Settings.ManagerStopTimeout;
        while (true)
        {
            if (await IsDownAsync(context, cancellationToken))
            {
                return true;
            }

            if (context.Time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), context.Time, cancellationToken);
        }
    }

    private static async Task<bool> IsDownAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (await context.OldManagerHost.GetServiceStateAsync(context.Settings.ManagerService, cancellationToken) != ServiceState.Stopped)
        {
            return false;
        }

        try
        {
            return !(await context.OldManager.ProbeStatusAsync(cancellationToken)).IsRunning;
        }
        catch (OvmFaultException fault) when (fault.Kind == OvmFaultKind.Unreachable)
        {
            return true;
        }
    }
}
