using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace OvmSelfHost.Operations;

/// <summary>Quartz runs the maintenance windows and the standing readiness checks: it must be running, not created, in standby or shut down.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy($"The Quartz scheduler {scheduler.SchedulerName} is {status}.")
            : HealthCheckResult.Unhealthy($"The Quartz scheduler {scheduler.SchedulerName} is {status}, not Running.");
    }
}
