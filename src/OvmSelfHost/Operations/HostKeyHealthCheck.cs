using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Operations;

/// <summary>The original manager host of one environment presents its pinned SSH host key.</summary>
internal sealed class HostKeyHealthCheck(IServiceProvider services, string environment, IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IOvmConnections>() is not { } ovm)
        {
            return HealthCheckResult.Degraded("No Oracle VM adapter is configured.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            return await ovm.Host(environment, HostRole.OriginalManager).ReadHostKeyAsync(limit.Token) switch
            {
                null => HealthCheckResult.Healthy("The host adapter pins no SSH host key."),
                { Matches: true } key => HealthCheckResult.Healthy($"Presents the pinned key {key.Pinned}."),
                var key => HealthCheckResult.Unhealthy($"Presents {key.Presented}, not the pinned {key.Pinned}."),
            };
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return HealthCheckResult.Unhealthy($"{environment}'s manager host: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{environment}'s manager host did not answer within {options.Value.ProbeTimeout}.");
        }
    }
}
