using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Attaches the installer ISO and runs runInstaller.sh with the old manager's UUID (invariant 5).</summary>
public sealed class InstallManagerStep : IStepHandler
{
    private const string InstallerKey = "installer";

    /// <summary>How often a running installer is looked at while the step waits for it.</summary>
    internal static TimeSpan InstallerPollInterval { get; } = TimeSpan.FromSeconds(2);

    public StepKind Kind => StepKind.InstallManager;

    /// <summary>
    /// Installed (the right UUID in .config and ovmm running), an installer still running (wait for
    /// it), nothing there (install), or something a person must judge (another UUID, ovmm down).
    /// </summary>
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Facts.OldManagerUuid is not { } uuid || context.Facts.NewVmId is null)
        {
            return StepObservation.NotDone("the UUID or the new VM is not known yet.");
        }

        var host = context.NewManagerHost;
        var vm = context.TargetPlan.ReplacementVm.Name;
        if (await host.IsInstallerRunningAsync(cancellationToken))
        {
            return StepObservation.InProgress($"runInstaller.sh is running on {vm} (started before); waiting for it, not starting another.");
        }

        var (config, unreadable) = await ReadConfigAsync(host, cancellationToken);
        if (config is null)
        {
            return StepObservation.NotDone($"no installer runs on {vm} and it has no manager .config ({unreadable}).");
        }

        if (!string.Equals(config.Uuid, uuid, StringComparison.Ordinal))
        {
            return StepObservation.Undecided($"the manager .config on {vm} says UUID={config.Uuid}, not {uuid}. Do not go on: reinstall with --uuid={uuid}.");
        }

        var service = await host.GetServiceStateAsync(context.Settings.ManagerService, cancellationToken);
        if (service != ServiceState.Running)
        {
            return StepObservation.Undecided($"Oracle VM Manager is installed on {vm} with UUID {uuid}, but {context.Settings.ManagerService} is {service}. Start it (or find why it stopped), then retry.");
        }

        context.Facts.NewManagerUuid = config.Uuid;
        return StepObservation.Done($"Oracle VM Manager is installed on {vm} with UUID {uuid} (.config read back) and {context.Settings.ManagerService} runs.");
    }

    public async Task<StepOutcome> ActAsync(StepContext context, StepObservation observed, CancellationToken cancellationToken)
    {
        var facts = context.Facts;
        if (facts.OldManagerUuid is not { } uuid || facts.NewVmId is not { } vmId || facts.HostingRepositoryId is not { } repositoryId)
        {
            return StepOutcome.Failed("The UUID, the new VM or its repository is unknown: the earlier steps of this phase did not record them.");
        }

        if (observed.State == ObservedState.InProgress)
        {
            return await AwaitRunningInstallerAsync(context, cancellationToken);
        }

        var iso = context.TargetPlan.ReplacementVm.InstallerIso;
        await context.RunJobAsync(context.HostingManager, "attach-iso", new AttachIso(vmId, repositoryId, iso), cancellationToken);

        var host = context.NewManagerHost;
        await context.RunOnceAsync(
            InstallerKey,
            $"runInstaller.sh --uuid={uuid} on {context.TargetPlan.ReplacementVm.Name}",
            async ct =>
            {
                var result = await host.RunInstallerAsync(uuid, new LineSink(context, ct), ct);
                if (!result.Succeeded)
                {
                    throw new OvmFaultException(OvmFaultKind.OperationFailed,
                        $"the installer exited with code {result.ExitCode}: {string.Join(" | ", result.LastLines.TakeLast(5))}");
                }
            },
            async ct => (await ObserveAsync(context, ct)).State == ObservedState.Done,
            // Observation has just found no installer running and nothing installed: running it is the only way on.
            safeToRepeat: true,
            cancellationToken);

        return await ReadBackAsync(context, uuid, cancellationToken);
    }

    /// <summary>An installer started before the bot stopped: wait for it to end, then look again; never start another.</summary>
    private async Task<StepOutcome> AwaitRunningInstallerAsync(StepContext context, CancellationToken cancellationToken)
    {
        var host = context.NewManagerHost;
        var deadline = context.Time.GetUtcNow() + context.Settings.JobTimeout;
        while (await host.IsInstallerRunningAsync(cancellationToken))
        {
            if (context.Time.GetUtcNow() >= deadline)
            {
                return StepOutcome.Failed($"runInstaller.sh still runs on {context.TargetPlan.ReplacementVm.Name} after {context.Settings.JobTimeout}. Check it on the VM; retry waits for it again.");
            }

            await Task.Delay(InstallerPollInterval, context.Time, cancellationToken);
        }

        var after = await ObserveAsync(context, cancellationToken);
        await context.OutputAsync($"The installer has ended. Looked again: {after.What}", cancellationToken);
        if (after.State != ObservedState.Done)
        {
            return StepOutcome.Failed($"The installer that was running has ended without a working install: {after.What} Look at its log on the VM, then retry (runs it again if nothing is installed) or roll back.");
        }

        await context.CompleteObservedAsync(InstallerKey, cancellationToken);
        return StepOutcome.Succeeded($"The installer started before the restart finished: {after.What}");
    }

    private static async Task<StepOutcome> ReadBackAsync(StepContext context, string uuid, CancellationToken cancellationToken)
    {
        var installed = await context.NewManagerHost.ReadManagerConfigAsync(cancellationToken);
        if (!string.Equals(installed.Uuid, uuid, StringComparison.Ordinal))
        {
            return StepOutcome.Failed($"The new manager's .config says UUID={installed.Uuid}, not {uuid}. Do not go on: reinstall with --uuid={uuid}.");
        }

        context.Facts.NewManagerUuid = installed.Uuid;
        return StepOutcome.Succeeded($"Oracle VM Manager installed on {context.TargetPlan.ReplacementVm.Name} with UUID {uuid} (.config read back).");
    }

    /// <summary>The .config, or null with the reason it could not be read (not installed, or not readable).</summary>
    private static async Task<(ManagerConfigFile? Config, string Reason)> ReadConfigAsync(IManagerHost host, CancellationToken cancellationToken)
    {
        try
        {
            return (await host.ReadManagerConfigAsync(cancellationToken), "");
        }
        catch (OvmFaultException fault) when (fault.Kind is OvmFaultKind.BadResponse or OvmFaultKind.NotFound)
        {
            return (null, fault.Message);
        }
    }

    /// <summary>Forwards installer lines as they come; synchronous because IProgress is.</summary>
    private sealed class LineSink(StepContext context, CancellationToken cancellationToken) : IProgress<string>
    {
        public void Report(string value) => context.OutputAsync(value, cancellationToken).GetAwaiter().GetResult();
    }
}
