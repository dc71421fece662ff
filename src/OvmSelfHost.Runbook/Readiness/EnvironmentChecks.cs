using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Runbook.Readiness;

/// <summary>
/// The readiness checks of one environment on its own: its manager answers with its credentials, the UUID in
/// <c>.config</c> is the running manager's, the host key is as pinned, the certificate is not about to expire,
/// the manager service runs, its servers are owned by it, and it is still a minimal installation.
/// </summary>
internal sealed class EnvironmentChecks(IOvmConnections ovm, RunbookSettings settings, TimeProvider time)
{
    /// <summary>How far ahead an expiring certificate is reported.</summary>
    public static readonly TimeSpan CertificateWarning = TimeSpan.FromDays(30);

    /// <param name="role">The manager to read; null: the original, or (the environment migrated already) the replacement when the original does not answer.</param>
    /// <returns>What was read when the manager could be read, for the checks between environments.</returns>
    public async Task<EnvironmentLook?> CheckAsync(string environment, ManagerRole? role, List<ReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var (status, read, problem) = await ManagerAsync(environment, role, cancellationToken);
        if (status is null)
        {
            checks.Add(ReadinessCheck.Fail($"manager:{environment}", problem!));
            return null;
        }

        var manager = ovm.Manager(environment, read);
        checks.Add(status.IsRunning
            ? ReadinessCheck.Pass($"manager:{environment}", $"{read} manager answers with its credentials: {status.RunState}, UUID {status.ManagerUuid}.")
            : ReadinessCheck.Fail($"manager:{environment}", $"{read} manager answers but is {status.RunState}, not RUNNING."));
        var hostRole = read == ManagerRole.Original ? HostRole.OriginalManager : HostRole.ReplacementVm;
        checks.Add(await UuidAsync(environment, hostRole, status, cancellationToken));
        checks.Add(await HostKeyAsync(environment, hostRole, cancellationToken));
        checks.Add(await CertificateAsync(environment, manager, cancellationToken));
        if (read == ManagerRole.Original)
        {
            checks.Add(await ServiceAsync(environment, cancellationToken));
        }

        EnvironmentInventory? inventory;
        try
        {
            inventory = await manager.GetInventoryAsync(cancellationToken);
        }
        catch (OvmFaultException fault)
        {
            checks.Add(ReadinessCheck.Fail($"inventory:{environment}", $"Could not read: {fault.Message}"));
            return null;
        }

        checks.Add(Ownership(environment, status.ManagerUuid, inventory));
        checks.Add(Minimal(environment, inventory));
        return new EnvironmentLook(environment, read, status, inventory);
    }

    private async Task<(ManagerStatus? Status, ManagerRole Role, string? Problem)> ManagerAsync(string environment, ManagerRole? role, CancellationToken cancellationToken)
    {
        if (role is { } only)
        {
            try
            {
                return (await ovm.Manager(environment, only).GetStatusAsync(cancellationToken), only, null);
            }
            catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
            {
                return (null, only, $"The {only} manager {Reading(ex)}.");
            }
        }

        try
        {
            return (await ovm.Manager(environment, ManagerRole.Original).GetStatusAsync(cancellationToken), ManagerRole.Original, null);
        }
        catch (OvmFaultException original) when (original.Kind is OvmFaultKind.Unreachable)
        {
            try
            {
                return (await ovm.Manager(environment, ManagerRole.Replacement).GetStatusAsync(cancellationToken), ManagerRole.Replacement, null);
            }
            catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
            {
                return (null, ManagerRole.Original, $"Neither manager answers: the original {Reading(original)}; the replacement {Reading(ex)}.");
            }
        }
        catch (OvmFaultException fault)
        {
            return (null, ManagerRole.Original, $"The original manager {Reading(fault)}.");
        }
    }

    private static string Reading(Exception ex) => ex is OvmFaultException fault
        ? fault.Kind == OvmFaultKind.Unauthorized ? $"refused the configured credentials ({fault.Message}): has the password expired?" : $"could not be read ({fault.Kind}: {fault.Message})"
        : $"is not configured ({ex.Message})";

    private async Task<ReadinessCheck> UuidAsync(string environment, HostRole role, ManagerStatus status, CancellationToken cancellationToken)
    {
        var name = $"uuid:{environment}";
        try
        {
            var config = await ovm.Host(environment, role).ReadManagerConfigAsync(cancellationToken);
            return string.Equals(config.Uuid, status.ManagerUuid, StringComparison.OrdinalIgnoreCase)
                ? ReadinessCheck.Pass(name, $"UUID in .config on the {role} host is the running manager's ({status.ManagerUuid}).")
                : ReadinessCheck.Fail(name, $"UUID in .config on the {role} host is {config.Uuid ?? "missing"}, but the running manager reports {status.ManagerUuid}: the replacement would be installed with the wrong UUID.");
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return ReadinessCheck.Fail(name, $"Could not read .config on the {role} host: {ex.Message}");
        }
    }

    private async Task<ReadinessCheck> HostKeyAsync(string environment, HostRole role, CancellationToken cancellationToken)
    {
        var name = $"host-key:{environment}";
        try
        {
            return await ovm.Host(environment, role).ReadHostKeyAsync(cancellationToken) switch
            {
                null => ReadinessCheck.Pass(name, "The host adapter pins no SSH host key."),
                { Matches: true } key => ReadinessCheck.Pass(name, $"The {role} host presents the pinned key {key.Pinned}."),
                var key => ReadinessCheck.Fail(name, $"The {role} host presents {key.Presented}, not the pinned {key.Pinned}: verify the new key out of band before trusting it."),
            };
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return ReadinessCheck.Fail(name, $"Could not read the {role} host's key: {ex.Message}");
        }
    }

    private async Task<ReadinessCheck> CertificateAsync(string environment, IOvmManager manager, CancellationToken cancellationToken)
    {
        var name = $"certificate:{environment}";
        try
        {
            if (await manager.ReadCertificateAsync(cancellationToken) is not { } certificate)
            {
                return ReadinessCheck.Pass(name, "The manager is not reached over TLS.");
            }

            var left = certificate.NotAfter - time.GetUtcNow();
            return left <= TimeSpan.Zero ? ReadinessCheck.Fail(name, $"The manager's certificate expired on {certificate.NotAfter:yyyy-MM-dd}.")
                : left < CertificateWarning ? ReadinessCheck.Warn(name, $"The manager's certificate expires on {certificate.NotAfter:yyyy-MM-dd}, in {(int)left.TotalDays} days: renew it before the window.")
                : ReadinessCheck.Pass(name, $"The manager's certificate is valid until {certificate.NotAfter:yyyy-MM-dd}.");
        }
        catch (OvmFaultException fault)
        {
            return ReadinessCheck.Fail(name, $"Could not read the manager's certificate: {fault.Message}");
        }
    }

    /// <summary>The cutover stops this service on the original host: it must run there, and be the one the configuration names.</summary>
    private async Task<ReadinessCheck> ServiceAsync(string environment, CancellationToken cancellationToken)
    {
        var name = $"service:{environment}";
        try
        {
            var state = await ovm.Host(environment, HostRole.OriginalManager).GetServiceStateAsync(settings.ManagerService, cancellationToken);
            return state == ServiceState.Running
                ? ReadinessCheck.Pass(name, $"The {settings.ManagerService} service on {environment}'s manager host runs.")
                : ReadinessCheck.Fail(name, $"The {settings.ManagerService} service on {environment}'s manager host reads {state}, not Running.");
        }
        catch (Exception ex) when (ex is OvmFaultException or ArgumentException)
        {
            return ReadinessCheck.Fail(name, $"Could not read the {settings.ManagerService} service on {environment}'s manager host: {ex.Message}");
        }
    }

    private static ReadinessCheck Ownership(string environment, string managerUuid, EnvironmentInventory inventory)
    {
        var others = inventory.Servers.Where(s => !string.Equals(s.OwnerManagerUuid, managerUuid, StringComparison.OrdinalIgnoreCase)).ToList();
        return others.Count == 0
            ? ReadinessCheck.Pass($"ownership:{environment}", $"All {inventory.Servers.Count} servers are owned by manager {managerUuid}.")
            : ReadinessCheck.Fail($"ownership:{environment}", $"{string.Join(", ", others.Select(s => $"{s.Name} ({s.OwnerManagerUuid ?? "unowned"})"))} not owned by manager {managerUuid}.");
    }

    private ReadinessCheck Minimal(string environment, EnvironmentInventory inventory)
    {
        var vms = inventory.Vms.Count;
        var repositories = inventory.Repositories.Count;
        return vms <= settings.MaximumVmsForMinimal && repositories <= settings.MaximumRepositoriesForMinimal
            ? ReadinessCheck.Pass($"minimal:{environment}", $"{vms} VMs and {repositories} repositories: still a minimal installation.")
            : ReadinessCheck.Warn($"minimal:{environment}", $"{environment} is not a minimal installation ({vms} VMs, {repositories} repositories; limits {settings.MaximumVmsForMinimal} " +
                                                           $"and {settings.MaximumRepositoriesForMinimal}). The procedure is meant for initial setup: a migration asks for an acknowledgement to go on anyway.");
    }
}
