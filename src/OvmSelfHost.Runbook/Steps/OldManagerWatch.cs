using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// Invariant 7: from a phase's cutover until the run completes, that phase's old manager stays down.
/// Looked at cheaply (one WS-API read per old manager) before every step and while gates wait; when the
/// WS-API does not answer, the host's service is read too: a client whose circuit breaker is open after
/// the refused connections of the cutover reports "unreachable" for a manager that is back.
/// </summary>
public static class OldManagerWatch
{
    /// <summary>The phases of <paramref name="run"/> whose old manager has been stopped (cutover confirmed).</summary>
    public static IEnumerable<PhasePlan> StoppedPhases(MigrationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Enumerable.Range(1, run.Phase)
            .Where(p => run.StepAt(p, StepKind.StopOldManager).Status is StepStatus.Succeeded or StepStatus.Skipped)
            .Select(p => Procedure.Phase(p, run.EnvironmentA, run.EnvironmentB));
    }

    /// <returns>The danger, in words a person can act on, when an old manager runs again; null when all stay down.</returns>
    public static async Task<string?> FindRunningAsync(MigrationRun run, IOvmConnections ovm, string service, CancellationToken cancellationToken)
    {
        foreach (var plan in StoppedPhases(run))
        {
            if (await RunningAgainAsync(run, plan, ovm, service, cancellationToken) is { } danger)
            {
                return danger;
            }
        }

        return null;
    }

    /// <returns>The danger when <paramref name="plan"/>'s old manager answers again; null when it stays down.</returns>
    public static async Task<string?> RunningAgainAsync(MigrationRun run, PhasePlan plan, IOvmConnections ovm, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ovm);
        var state = await AnswersAsync(ovm.Manager(plan.Target, ManagerRole.Original), cancellationToken)
                    ?? await ServiceRunsAsync(ovm.Host(plan.Target, HostRole.OriginalManager), service, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var host = ovm.HostAddress(plan.Target, HostRole.OriginalManager);
        var uuid = run.Facts.GetValueOrDefault(plan.Number)?.OldManagerUuid ?? "its UUID";
        var when = run.State == RunState.Completed ? "after the migration completed" : "after the cutover";
        return $"DANGER: {plan.Target}'s old manager is running again ({state}) on {host} {when}: two managers with one UUID ({uuid}) " +
               $"would both claim {plan.Target}'s servers. Stop it now: ssh {host} 'service {service} stop'." +
               (run.State == RunState.Completed ? "" : " No step runs until it is down; then retry.");
    }

    /// <summary>Throws a <see cref="StepFailure"/> naming the danger when an old manager runs again.</summary>
    public static async Task EnsureDownAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await FindRunningAsync(context.Run, context.Connections, context.Settings.ManagerService, cancellationToken) is { } danger)
        {
            throw new StepFailure(danger);
        }
    }

    /// <summary>"service ovmm Running" (or Starting) when the old manager's service is not stopped on its host; null when it is, or the host cannot say.</summary>
    private static async Task<string?> ServiceRunsAsync(IManagerHost host, string service, CancellationToken cancellationToken)
    {
        try
        {
            var state = await host.GetServiceStateAsync(service, cancellationToken);
            return state == ServiceState.Running ? $"service {service} {state}" : null;
        }
        catch (OvmFaultException)
        {
            return null;
        }
    }

    /// <summary>The run state it reports when it answers at all (STARTING is as dangerous as RUNNING); null when it is down.</summary>
    private static async Task<string?> AnswersAsync(IOvmManager manager, CancellationToken cancellationToken)
    {
        try
        {
            var status = await manager.ProbeStatusAsync(cancellationToken);
            return string.Equals(status.RunState, "STOPPED", StringComparison.OrdinalIgnoreCase) ? null : status.RunState;
        }
        catch (OvmFaultException fault) when (fault.Kind == OvmFaultKind.Unreachable)
        {
            return null;
        }
    }
}
