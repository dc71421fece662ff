using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// The harder HA drill (<c>Environments:&lt;Name&gt;:HaDrillFailover</c>), after the live migration: stops the server
/// the manager VM runs on through its power control, as a crash would, and watches HA restart the VM on another
/// server of the pool and its manager answer again with its UUID; then starts the server again, whatever was seen.
/// </summary>
internal static class HaFailoverDrill
{
    /// <returns>Whether HA restarted the VM and the manager answered within <c>HaRestartTimeout</c>, what was seen, and how long the manager did not answer.</returns>
    public static async Task<(bool Passed, string Seen, TimeSpan? Interruption)> RunAsync(
        StepContext context, string vmId, ServerFacts server, string uuid, CancellationToken cancellationToken)
    {
        var hosting = context.Plan.Hosting;
        if (context.Connections.ServerPower(hosting) is not { } power)
        {
            return (false, $"the failover drill could not stop {server.Name}: no power control is configured for {hosting}'s servers (only the simulator's is built)", null);
        }

        var started = context.Time.GetUtcNow();
        await context.RunOnceAsync($"failover-stop:{server.Id}", $"stop server {server.Name} to watch HA restart the manager VM (failover drill)",
            ct => power.FailAsync(server.Name, ct), async ct => await ServerStateAsync(context, server.Id, ct) != "RUNNING", safeToRepeat: true, cancellationToken);
        try
        {
            return await WatchAsync(context, vmId, server, uuid, started, cancellationToken);
        }
        finally
        {
            // Never leave the pool a server short because of a drill, whether HA passed or not.
            await context.RunOnceAsync($"failover-start:{server.Id}", $"start server {server.Name} again after the failover drill",
                ct => power.RecoverAsync(server.Name, ct), async ct => await ServerStateAsync(context, server.Id, ct) == "RUNNING", safeToRepeat: true, cancellationToken);
            await context.OutputAsync($"Failover drill: server {server.Name} started again.", cancellationToken);
        }
    }

    private static async Task<(bool Passed, string Seen, TimeSpan? Interruption)> WatchAsync(
        StepContext context, string vmId, ServerFacts server, string uuid, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var timeout = context.Settings.HaRestartTimeout;
        var deadline = started + timeout;
        await context.OutputAsync($"Failover drill: {server.Name} stopped; waiting up to {timeout} for HA to restart {context.TargetPlan.ReplacementVm.Name} elsewhere.", cancellationToken);
        while (true)
        {
            var inventory = await context.HostingManager.GetInventoryAsync(cancellationToken);
            var vm = inventory.Vm(vmId);
            if (vm is { RunState: "RUNNING" } && vm.ServerId != server.Id)
            {
                var restartedIn = context.Time.GetUtcNow() - started;
                var left = deadline - context.Time.GetUtcNow();
                var status = await context.NewManager.WaitUntilRunningAsync(left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1), cancellationToken);
                var on = inventory.Servers.FirstOrDefault(s => s.Id == vm.ServerId)?.Name ?? vm.ServerId;
                if (!status.IsRunning || !string.Equals(status.ManagerUuid, uuid, StringComparison.OrdinalIgnoreCase))
                {
                    return (false, $"HA restarted the VM on {on} after {ProveHighAvailabilityStep.Seconds(restartedIn)}, but its manager reads {status.RunState} with UUID {status.ManagerUuid} after {timeout}", null);
                }

                var answeredIn = context.Time.GetUtcNow() - started;
                context.Facts.ManagerVmServerId = vm.ServerId;
                return (true, $"{server.Name} stopped; HA restarted the VM on {on} after {ProveHighAvailabilityStep.Seconds(restartedIn)} and its manager answered RUNNING with UUID {uuid} " +
                              $"after {ProveHighAvailabilityStep.Seconds(answeredIn)}; {server.Name} started again", answeredIn);
            }

            if (context.Time.GetUtcNow() >= deadline)
            {
                return (false, $"HA did not restart the VM within {timeout} after {server.Name} stopped (it is {vm?.RunState ?? "missing"})", null);
            }

            await Task.Delay(context.Settings.DrillProbeInterval, context.Time, cancellationToken);
        }
    }

    private static async Task<string?> ServerStateAsync(StepContext context, string serverId, CancellationToken cancellationToken) =>
        (await context.HostingManager.GetInventoryAsync(cancellationToken)).Servers.FirstOrDefault(s => s.Id == serverId)?.RunState;
}
