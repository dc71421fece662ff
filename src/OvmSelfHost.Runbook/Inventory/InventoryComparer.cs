using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Inventory;

/// <summary>Compares what the old manager saw with what the new one sees (invariants 4 and 5).</summary>
public static class InventoryComparer
{
    public static InventoryDiff Compare(EnvironmentInventory recorded, EnvironmentInventory seen)
    {
        var differences = new List<InventoryDifference>();
        differences.AddRange(Owned("Server", recorded.Servers.Select(s => (s.Id, s.Name)), seen.Servers.ToDictionary(s => s.Id, s => s.OwnerManagerUuid), seen.ManagerUuid));
        differences.AddRange(Owned("Repository", recorded.Repositories.Select(r => (r.Id, r.Name)), seen.Repositories.ToDictionary(r => r.Id, r => r.OwnerManagerUuid), seen.ManagerUuid));
        differences.AddRange(Missing("ServerPool", recorded.Pools.Select(p => (p.Id, p.Name)), seen.Pools.Select(p => p.Id)));
        differences.AddRange(Missing("Vm", recorded.Vms.Select(v => (v.Id, v.Name)), seen.Vms.Select(v => v.Id)));
        differences.AddRange(Missing("VirtualDisk", Pairs(recorded.VirtualDisks), seen.VirtualDisks.Select(d => d.Id)));
        differences.AddRange(Missing("Network", Pairs(recorded.Networks), seen.Networks.Select(n => n.Id)));
        differences.AddRange(Missing("FileServer", Pairs(recorded.FileServers), seen.FileServers.Select(f => f.Id)));
        differences.AddRange(Missing("StorageArray", Pairs(recorded.StorageArrays), seen.StorageArrays.Select(a => a.Id)));
        return new InventoryDiff(differences, Count(recorded), Count(seen));
    }

    public static int Count(EnvironmentInventory inventory) =>
        inventory.Servers.Count + inventory.Pools.Count + inventory.Repositories.Count + inventory.Vms.Count
        + inventory.VirtualDisks.Count + inventory.Networks.Count + inventory.FileServers.Count + inventory.StorageArrays.Count;

    private static IEnumerable<(string Id, string Name)> Pairs(IEnumerable<NamedObject> objects) => objects.Select(o => (o.Id, o.Name));

    private static IEnumerable<InventoryDifference> Missing(string type, IEnumerable<(string Id, string Name)> recorded, IEnumerable<string> seenIds)
    {
        var seen = seenIds.ToHashSet(StringComparer.Ordinal);
        return recorded
            .Where(r => !seen.Contains(r.Id))
            .Select(r => new InventoryDifference(DifferenceKind.Missing, type, r.Id, r.Name, "not seen by the new manager"));
    }

    private static IEnumerable<InventoryDifference> Owned(
        string type, IEnumerable<(string Id, string Name)> recorded, IReadOnlyDictionary<string, string?> seenOwners, string newManagerUuid)
    {
        foreach (var (id, name) in recorded)
        {
            if (!seenOwners.TryGetValue(id, out var owner))
            {
                yield return new InventoryDifference(DifferenceKind.Missing, type, id, name, "not seen by the new manager");
            }
            else if (owner is not null && !string.Equals(owner, newManagerUuid, StringComparison.Ordinal))
            {
                yield return new InventoryDifference(DifferenceKind.OwnedByAnotherManager, type, id, name,
                    $"owned by another manager ({owner}), not by the new manager ({newManagerUuid})");
            }
        }
    }
}
