using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>
/// The fault section 4.7 is designed for: the server hosting the new manager VM fails. A step that
/// meets it (before it starts, or as the reason it failed) waits for HA to restart the VM on another
/// server and for its manager to run again, bounded by <c>HaRestartTimeout</c>, then looks again.
/// </summary>
public static class HostingVmWatch
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Steps after the VM exists and before the phase is over; earlier steps have no VM to lose.</summary>
    public static bool Applies(StepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Facts.NewVmId is not null && context.Run.Step is > StepKind.CreateManagerVm;
    }

    /// <returns>What was seen when the VM is down or was restarted elsewhere since the last look; null when it runs where it did.</returns>
    public static async Task<HostingInterruption?> InterruptionAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Applies(context))
        {
            return null;
        }

        var hosting = await context.HostingManager.GetInventoryAsync(cancellationToken);
        var vm = hosting.Vm(context.Facts.NewVmId!);
        var name = context.TargetPlan.ReplacementVm.Name;
        if (vm is null || !string.Equals(vm.RunState, "RUNNING", StringComparison.OrdinalIgnoreCase))
        {
            return new HostingInterruption(HostingInterruptionKind.VmDown, $"the new manager VM {name} is {vm?.RunState ?? "missing"} in {context.Plan.Hosting} (its server failed?)");
        }

        var known = context.Facts.ManagerVmServerId;
        context.Facts.ManagerVmServerId = vm.ServerId;
        return known is not null && known != vm.ServerId
            ? new HostingInterruption(HostingInterruptionKind.RestartedElsewhere,
                $"the new manager VM {name} was restarted on {ServerName(hosting, vm.ServerId)} (it ran on {ServerName(hosting, known)})")
            : null;
    }

    /// <summary>Waits until the VM runs again and, once installed, its manager answers RUNNING; a <see cref="StepFailure"/> otherwise.</summary>
    public static async Task WaitForHaAsync(StepContext context, HostingInterruption seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = context.Time.GetUtcNow();
        var deadline = started + context.Settings.HaRestartTimeout;
        ArgumentNullException.ThrowIfNull(seen);
        await context.OutputAsync($"Hosting failure: {seen.Seen}. Waiting up to {context.Settings.HaRestartTimeout} for HA to restart it on another server of {context.HostingPlan.HostingPool}.", cancellationToken);
        while (await InterruptionAsync(context, cancellationToken) is { IsDown: true } still)
        {
            if (context.Time.GetUtcNow() >= deadline)
            {
                throw new StepFailure(
                    $"HA did not bring the new manager VM back within {context.Settings.HaRestartTimeout}: {still.Seen}. " +
                    $"Check pool {context.HostingPlan.HostingPool} in {context.Plan.Hosting} (servers up, room for the VM), start the VM there, then retry; or roll back.");
            }

            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }

        if (context.Facts.NewManagerUuid is not null)
        {
            var left = deadline - context.Time.GetUtcNow();
            var status = await context.NewManager.WaitUntilRunningAsync(left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1), cancellationToken);
            if (!status.IsRunning)
            {
                throw new StepFailure($"HA restarted the new manager VM, but its manager is {status.RunState} after {context.Settings.HaRestartTimeout}. Check ovmm on the VM, then retry; or roll back.");
            }
        }

        await context.OutputAsync($"HA restarted the new manager VM after {ProveHighAvailabilityStep.Seconds(context.Time.GetUtcNow() - started)}; looking again before going on.", cancellationToken);
    }

    private static string ServerName(EnvironmentInventory inventory, string? id) =>
        id is null ? "no server" : inventory.Servers.FirstOrDefault(s => s.Id == id)?.Name ?? id;
}
