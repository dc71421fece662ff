using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Invariants;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Runbook.Windows;

namespace OvmSelfHost.Runbook.Readiness;

/// <summary>
/// The standing readiness checks of a configured pair: read-only, through the same ports a migration uses.
/// Managers answer with their credentials, the UUIDs in <c>.config</c> are the running managers', host keys are
/// as pinned, certificates are not about to expire, each hosting pool is clustered with two or more running
/// servers, the hosting repository is presented to them, servers are owned by their manager, the other
/// environment's template and installer ISO are there, and each environment is still minimal.
/// </summary>
public sealed class PairReadiness(IOvmConnections ovm, RunbookSettings settings, TimeProvider time)
{
    /// <summary>How far ahead an expiring certificate is reported.</summary>
    public static readonly TimeSpan CertificateWarning = TimeSpan.FromDays(30);

    public async Task<ReadinessReport> CheckAsync(string first, string second, IEnumerable<MigrationRun> history, CancellationToken cancellationToken)
    {
        var checks = new List<ReadinessCheck>();
        var a = settings.Environment(first);
        var b = settings.Environment(second);
        var inventories = new Dictionary<string, EnvironmentInventory>(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in new[] { a, b })
        {
            if (await EnvironmentAsync(plan, checks, cancellationToken) is { } inventory)
            {
                inventories[plan.Name] = inventory;
            }
        }

        foreach (var (hosting, target) in new[] { (a, b), (b, a) })
        {
            if (inventories.TryGetValue(hosting.Name, out var inventory))
            {
                checks.AddRange(Hosting(hosting, target, inventory));
            }
        }

        return new ReadinessReport(a.Name, b.Name, time.GetUtcNow(), checks, ExpectedDuration(history.ToList()));
    }

    /// <summary>The checks of one environment on its own; its inventory when its manager could be read.</summary>
    private async Task<EnvironmentInventory?> EnvironmentAsync(EnvironmentPlan plan, List<ReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var (status, role, problem) = await ManagerAsync(plan.Name, cancellationToken);
        if (status is null)
        {
            checks.Add(ReadinessCheck.Fail($"manager:{plan.Name}", problem!));
            return null;
        }

        var manager = ovm.Manager(plan.Name, role);
        checks.Add(status.IsRunning
            ? ReadinessCheck.Pass($"manager:{plan.Name}", $"{role} manager answers with its credentials: {status.RunState}, UUID {status.ManagerUuid}.")
            : ReadinessCheck.Fail($"manager:{plan.Name}", $"{role} manager answers but is {status.RunState}, not RUNNING."));
        var hostRole = role == ManagerRole.Original ? HostRole.OriginalManager : HostRole.ReplacementVm;
        checks.Add(await UuidAsync(plan.Name, hostRole, status, cancellationToken));
        checks.Add(await HostKeyAsync(plan.Name, hostRole, cancellationToken));
        checks.Add(await CertificateAsync(plan.Name, manager, cancellationToken));
        var inventory = await Guard($"inventory:{plan.Name}", () => manager.GetInventoryAsync(cancellationToken), checks);
        if (inventory is not null)
        {
            checks.Add(Ownership(plan.Name, status.ManagerUuid, inventory));
            checks.Add(Minimal(plan.Name, inventory));
        }

        return inventory;
    }

    /// <summary>The original manager, or (the pair migrated already) the replacement when the original does not answer.</summary>
    private async Task<(ManagerStatus? Status, ManagerRole Role, string? Problem)> ManagerAsync(string environment, CancellationToken cancellationToken)
    {
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

    /// <summary>The checks of <paramref name="hosting"/> as the future home of <paramref name="target"/>'s manager.</summary>
    private static IEnumerable<ReadinessCheck> Hosting(EnvironmentPlan hosting, EnvironmentPlan target, EnvironmentInventory inventory)
    {
        var pool = inventory.Pools.FirstOrDefault(p => p.Name == hosting.HostingPool);
        var violation = HighAvailabilityRule.PoolViolation(pool, hosting.HostingPool);
        yield return violation is null ? ReadinessCheck.Pass($"pool:{hosting.Name}", $"Pool {hosting.HostingPool} is clustered with {pool!.ServerIds.Count} servers.")
            : hosting.ServersToDiscover is { Count: >= 2 } ? ReadinessCheck.Warn($"pool:{hosting.Name}", $"{violation} The migration prepares it from ServersToDiscover.")
            : ReadinessCheck.Fail($"pool:{hosting.Name}", $"{violation} Set it up (guide step 2) or list its servers under ServersToDiscover.");
        var running = pool is null ? 0 : inventory.Servers.Count(s => pool.ServerIds.Contains(s.Id) && s.RunState == "RUNNING");
        yield return running >= 2 && pool!.Clustered ? ReadinessCheck.Pass($"ha:{hosting.Name}", $"{running} servers of {hosting.HostingPool} run: HA can restart the manager VM elsewhere.")
            : ReadinessCheck.Fail($"ha:{hosting.Name}", $"HA is not possible in {hosting.HostingPool}: {running} running server(s), {(pool?.Clustered == true ? "clustered" : "not clustered")}.");
        yield return Repository(hosting, pool, inventory);
        var vm = target.ReplacementVm;
        yield return inventory.Vms.Any(v => v.Name == vm.Template)
            ? ReadinessCheck.Pass($"template:{hosting.Name}", $"Template {vm.Template} for {target.Name}'s manager VM is there.")
            : ReadinessCheck.Fail($"template:{hosting.Name}", $"Template {vm.Template} for {target.Name}'s manager VM is not in {hosting.Name}.");
        yield return inventory.VirtualDisks.Any(d => d.Name == vm.InstallerIso)
            ? ReadinessCheck.Pass($"iso:{hosting.Name}", $"Installer ISO {vm.InstallerIso} is there.")
            : ReadinessCheck.Fail($"iso:{hosting.Name}", $"Installer ISO {vm.InstallerIso} is not in {hosting.Name}'s repositories.");
    }

    private static ReadinessCheck Repository(EnvironmentPlan hosting, PoolFacts? pool, EnvironmentInventory inventory)
    {
        var name = $"repository:{hosting.Name}";
        if (inventory.Repositories.FirstOrDefault(r => r.Name == hosting.HostingRepository) is not { } repository)
        {
            return ReadinessCheck.Fail(name, $"Repository {hosting.HostingRepository} does not exist in {hosting.Name}.");
        }

        var missing = (pool?.ServerIds ?? []).Where(s => !repository.PresentedServerIds.Contains(s)).ToList();
        return missing.Count == 0
            ? ReadinessCheck.Pass(name, $"Repository {repository.Name} is presented to every server of {hosting.HostingPool}.")
            : ReadinessCheck.Fail(name, $"Repository {repository.Name} is not presented to {missing.Count} server(s) of {hosting.HostingPool}.");
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
            : ReadinessCheck.Warn($"minimal:{environment}", $"{vms} VMs and {repositories} repositories (limits {settings.MaximumVmsForMinimal} and {settings.MaximumRepositoriesForMinimal}): the migration will ask for an acknowledgement.");
    }

    private TimeSpan ExpectedDuration(IReadOnlyList<MigrationRun> history) =>
        TimeSpan.FromTicks(Procedure.Steps.Sum(s => StepDurations.Estimate(s.Kind, settings.ExpectedDurations, history).Duration.Ticks) * Procedure.PhaseCount);

    private static async Task<T?> Guard<T>(string name, Func<Task<T>> read, List<ReadinessCheck> checks) where T : class
    {
        try
        {
            return await read();
        }
        catch (OvmFaultException fault)
        {
            checks.Add(ReadinessCheck.Fail(name, $"Could not read: {fault.Message}"));
            return null;
        }
    }
}
