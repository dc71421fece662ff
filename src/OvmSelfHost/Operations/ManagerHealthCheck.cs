using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Operations;

/// <summary>
/// One environment's manager answers with its configured credentials: the original, or (the environment migrated)
/// the replacement when the original does not answer at all.
/// </summary>
internal sealed class ManagerHealthCheck(IServiceProvider services, string environment, IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IOvmConnections>() is not { } ovm)
        {
            return HealthCheckResult.Degraded("No Oracle VM adapter is configured (Ovm:Adapter): migrations wait before preflight.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.ProbeTimeout);
        try
        {
            var status = await StatusAsync(ovm, limit.Token);
            return status.IsRunning
                ? HealthCheckResult.Healthy($"{status.Name} answers with its credentials: {status.RunState}.")
                : HealthCheckResult.Unhealthy($"{status.Name} answers but is {status.RunState}.");
        }
        catch (OvmFaultException fault)
        {
            return HealthCheckResult.Unhealthy($"{environment}'s manager: {fault.Kind}: {fault.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{environment}'s manager did not answer within {options.Value.ProbeTimeout}.");
        }
    }

    private async Task<ManagerStatus> StatusAsync(IOvmConnections ovm, CancellationToken cancellationToken)
    {
        try
        {
            return await ovm.Manager(environment, ManagerRole.Original).GetStatusAsync(cancellationToken);
        }
        catch (OvmFaultException fault) when (fault.Kind == OvmFaultKind.Unreachable)
        {
            try
            {
                return await ovm.Manager(environment, ManagerRole.Replacement).GetStatusAsync(cancellationToken);
            }
            catch (OvmFaultException)
            {
                throw fault;
            }
        }
    }
}
