using Microsoft.Extensions.Diagnostics.HealthChecks;
using OvmSelfHost.Running;

namespace OvmSelfHost.Operations;

/// <summary>
/// A replica that has not yet rehearsed a vote is not ready to serve: its first vote would be the slow one (100 ms and more
/// within seconds of a start, against 10-40 ms), so a load balancer sends it nothing until the rehearsal is over. A failed
/// rehearsal is over too: it only costs the first vote its speed.
/// </summary>
internal sealed class WarmUpHealthCheck(VoteRehearsal rehearsal) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(rehearsal.IsOver
            ? HealthCheckResult.Healthy("A vote was rehearsed after start.")
            : HealthCheckResult.Unhealthy("Warming up: rehearsing a vote after start, so that the first one here is not the slow one."));
}
