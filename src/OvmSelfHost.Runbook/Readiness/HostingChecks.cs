using OvmSelfHost.Runbook.Invariants;
using OvmSelfHost.Runbook.Ports;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.Runbook.Readiness;

/// <summary>
/// The readiness checks of one environment as the future home of the other's manager: not self-hosting, the
/// hosting pool clustered with two or more servers, room for HA to restart the manager VM elsewhere, the
/// repository presented, the guest OS template and the installer ISO there.
/// </summary>
internal static class HostingChecks
{
    /// <param name="target">The environment whose manager moves; null when it could not be read (the self-hosting check is then left out).</param>
    public static IEnumerable<ReadinessCheck> Check(EnvironmentPlan hosting, EnvironmentPlan targetPlan, EnvironmentLook look, EnvironmentLook? target)
    {
        var inventory = look.Inventory;
        var pool = inventory.Pools.FirstOrDefault(p => p.Name == hosting.HostingPool);
        var canPrepare = hosting.ServersToDiscover is { Count: >= 2 };
        if (target is not null)
        {
            var selfHosting = SelfHostingRule.Violation(targetPlan.Name, hosting.Name, look.Status.ManagerUuid, target.Status.ManagerUuid, pool?.Id ?? "", target.Inventory);
            yield return selfHosting is null
                ? ReadinessCheck.Pass($"self-hosting:{hosting.Name}", $"{targetPlan.Name}'s manager would not manage the pool that hosts it.")
                : ReadinessCheck.Fail($"self-hosting:{hosting.Name}", selfHosting);
        }

        var violation = HighAvailabilityRule.PoolViolation(pool, hosting.HostingPool);
        yield return violation is null ? ReadinessCheck.Pass($"pool:{hosting.Name}", $"Pool {hosting.HostingPool} is clustered with {pool!.ServerIds.Count} servers.")
            : canPrepare ? ReadinessCheck.Warn($"pool:{hosting.Name}", $"{violation} The migration prepares it from ServersToDiscover.")
            : ReadinessCheck.Fail($"pool:{hosting.Name}", $"{violation} Set it up (guide step 2) or list its servers under ServersToDiscover.");
        yield return HighAvailability(hosting, targetPlan, inventory, pool, canPrepare);
        yield return Repository(hosting, pool, inventory);
        var vm = targetPlan.ReplacementVm;
        yield return inventory.Vms.Any(v => v.Name == vm.Template)
            ? ReadinessCheck.Pass($"template:{hosting.Name}", $"Template {vm.Template} for {targetPlan.Name}'s manager VM is there.")
            : ReadinessCheck.Fail($"template:{hosting.Name}", $"Template {vm.Template} for {targetPlan.Name}'s manager VM is not in {hosting.Name}.");
        yield return inventory.VirtualDisks.Any(d => d.Name == vm.InstallerIso)
            ? ReadinessCheck.Pass($"iso:{hosting.Name}", $"Installer ISO {vm.InstallerIso} is there.")
            : ReadinessCheck.Fail($"iso:{hosting.Name}", $"Installer ISO {vm.InstallerIso} is not in {hosting.Name}'s repositories.");
    }

    /// <summary>Two running servers of a clustered pool, with room for the manager VM's memory (its own server counts once it exists).</summary>
    private static ReadinessCheck HighAvailability(EnvironmentPlan hosting, EnvironmentPlan targetPlan, EnvironmentInventory inventory, PoolFacts? pool, bool canPrepare)
    {
        var name = $"ha:{hosting.Name}";
        var running = pool is null ? 0 : inventory.Servers.Count(s => pool.ServerIds.Contains(s.Id) && s.RunState == "RUNNING");
        if (running < 2 || !pool!.Clustered)
        {
            var problem = $"HA is not possible in {hosting.HostingPool}: {running} running server(s), {(pool?.Clustered == true ? "clustered" : "not clustered")}.";
            return canPrepare ? ReadinessCheck.Warn(name, $"{problem} The migration prepares the pool from ServersToDiscover.") : ReadinessCheck.Fail(name, problem);
        }

        var vm = inventory.Vms.FirstOrDefault(v => v.Name == targetPlan.ReplacementVm.Name);
        var memory = vm?.MemoryMb ?? targetPlan.ReplacementVm.MemoryMegabytes;
        return HaCapacityRule.Violation(inventory, pool, hosting.HostingPool, memory, vm?.Id) is { } room
            ? ReadinessCheck.Fail(name, room)
            : ReadinessCheck.Pass(name, $"{running} servers of {hosting.HostingPool} run with room for the manager VM ({memory} MB): HA can restart it elsewhere.");
    }

    /// <summary>Not yet presented is a warning only: the migration's PrepareHostingEnvironment presents it.</summary>
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
            : ReadinessCheck.Warn(name, $"Repository {repository.Name} is not presented to {missing.Count} server(s) of {hosting.HostingPool}: the migration presents it when it prepares the pool.");
    }
}
