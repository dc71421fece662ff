using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Steps;

internal static class InventoryLookup
{
    public static PoolFacts? Pool(this EnvironmentInventory inventory, string name) =>
        inventory.Pools.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static RepositoryFacts? Repository(this EnvironmentInventory inventory, string name) =>
        inventory.Repositories.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public static VmFacts? Vm(this EnvironmentInventory inventory, string idOrName) =>
        inventory.Vms.FirstOrDefault(v => v.Id == idOrName) ??
        inventory.Vms.FirstOrDefault(v => string.Equals(v.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public static string Counts(this EnvironmentInventory i) =>
        $"{i.Servers.Count} servers, {i.Pools.Count} pools, {i.Repositories.Count} repositories, {i.Vms.Count} VMs, " +
        $"{i.VirtualDisks.Count} virtual disks, {i.Networks.Count} networks, {i.FileServers.Count} file servers, {i.StorageArrays.Count} storage arrays";
}
