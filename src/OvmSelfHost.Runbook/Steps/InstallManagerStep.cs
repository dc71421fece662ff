using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

/// <summary>Attaches the installer ISO and runs runInstaller.sh with the old manager's UUID (invariant 5).</summary>
public sealed class InstallManagerStep : IStepHandler
{
    public StepKind Kind => StepKind.InstallManager;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var facts = context.Facts;
        if (facts.OldManagerUuid is not { } uuid || facts.NewVmId is not { } vmId || facts.HostingRepositoryId is not { } repositoryId)
        {
            return StepOutcome.Failed("The UUID, the new VM or its repository is unknown: the earlier steps of this phase did not record them.");
        }

        var iso = context.TargetPlan.ReplacementVm.InstallerIso;
        await context.RunJobAsync(context.HostingManager, "attach-iso", new AttachIso(vmId, repositoryId, iso), cancellationToken);

        var host = context.NewManagerHost;
        InstallerResult? result = null;
        await context.RunOnceAsync(
            "installer",
            $"runInstaller.sh --uuid={uuid} on {context.TargetPlan.ReplacementVm.Name}",
            async ct =>
            {
                result = await host.RunInstallerAsync(uuid, new LineSink(context, ct), ct);
                if (!result.Succeeded)
                {
                    throw new OvmFaultException(OvmFaultKind.OperationFailed,
                        $"the installer exited with code {result.ExitCode}: {string.Join(" | ", result.LastLines.TakeLast(5))}");
                }
            },
            ct => IsInstalledAsync(context, uuid, ct),
            safeToRepeat: false,
            cancellationToken);

        var installed = await host.ReadManagerConfigAsync(cancellationToken);
        if (!string.Equals(installed.Uuid, uuid, StringComparison.Ordinal))
        {
            return StepOutcome.Failed($"The new manager's .config says UUID={installed.Uuid}, not {uuid}. Do not go on: reinstall with --uuid={uuid}.");
        }

        facts.NewManagerUuid = installed.Uuid;
        return StepOutcome.Succeeded($"Oracle VM Manager installed on {context.TargetPlan.ReplacementVm.Name} with UUID {uuid} (.config read back).");
    }

    /// <summary>After a restart: the install took effect if the VM's .config has our UUID and ovmm runs.</summary>
    private static async Task<bool> IsInstalledAsync(StepContext context, string uuid, CancellationToken cancellationToken)
    {
        try
        {
            var config = await context.NewManagerHost.ReadManagerConfigAsync(cancellationToken);
            var service = await context.NewManagerHost.GetServiceStateAsync(context.Settings.ManagerService, cancellationToken);
            return config.Uuid == uuid && service == ServiceState.Running;
        }
        catch (OvmFaultException)
        {
            return false;
        }
    }

    /// <summary>Forwards installer lines as they come; synchronous because IProgress is.</summary>
    private sealed class LineSink(StepContext context, CancellationToken cancellationToken) : IProgress<string>
    {
        public void Report(string value) => context.OutputAsync(value, cancellationToken).GetAwaiter().GetResult();
    }
}
