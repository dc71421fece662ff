using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Ovm.Tests.Contract;

/// <summary>Finds ids by name in an inventory, failing the test with the names that exist.</summary>
internal static class InventoryLookup
{
    public static string Vm(this EnvironmentInventory inventory, string name) =>
        Find(inventory.Vms.Select(v => (v.Id, v.Name)), name);

    public static string Pool(this EnvironmentInventory inventory, string name) =>
        Find(inventory.Pools.Select(p => (p.Id, p.Name)), name);

    public static string Repository(this EnvironmentInventory inventory, string name) =>
        Find(inventory.Repositories.Select(r => (r.Id, r.Name)), name);

    public static string Server(this EnvironmentInventory inventory, string name) =>
        Find(inventory.Servers.Select(s => (s.Id, s.Name)), name);

    public static string FileServer(this EnvironmentInventory inventory, string name) =>
        Find(inventory.FileServers.Select(s => (s.Id, s.Name)), name);

    private static string Find(IEnumerable<(string Id, string Name)> items, string name)
    {
        var list = items.ToList();
        return list.FirstOrDefault(i => i.Name == name).Id
            ?? throw new Xunit.Sdk.XunitException($"'{name}' not found among: {string.Join(", ", list.Select(i => i.Name))}");
    }
}
