using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Invariants;

/// <summary>
/// Invariant 8's second half: the hosting pool has room to restart the manager VM elsewhere. At least
/// two running servers of the pool have its memory free (counting the server it runs on, which
/// already holds it), so that losing any one of them leaves a server that can take the VM.
/// </summary>
public static class HaCapacityRule
{
    /// <summary>Servers of the pool that could run the VM now (its own server, or one with its memory free).</summary>
    public static IReadOnlyList<ServerFacts> Room(EnvironmentInventory hosting, PoolFacts pool, long memoryMb, string? vmId)
    {
        var vm = vmId is null ? null : hosting.Vms.FirstOrDefault(v => v.Id == vmId);
        return [.. hosting.Servers
            .Where(s => pool.ServerIds.Contains(s.Id) && string.Equals(s.RunState, "RUNNING", StringComparison.OrdinalIgnoreCase))
            .Where(s => s.Id == vm?.ServerId || s.UsableMemoryMb is null || Free(hosting, s) >= memoryMb)];
    }

    /// <returns>Why the pool cannot restart the VM elsewhere, or null when it can.</returns>
    public static string? Violation(EnvironmentInventory hosting, PoolFacts? pool, string poolName, long memoryMb, string? vmId = null)
    {
        if (pool is null)
        {
            return null;
        }

        var room = Room(hosting, pool, memoryMb, vmId);
        if (room.Count >= 2)
        {
            return null;
        }

        var servers = hosting.Servers.Where(s => pool.ServerIds.Contains(s.Id)).Select(s =>
            $"{s.Name} {s.RunState}{(s.UsableMemoryMb is null ? "" : $", {Free(hosting, s)} MB free")}");
        return $"Pool {poolName} cannot restart the manager VM ({memoryMb} MB) on another server: HA needs two running servers with room for it, " +
               $"and {room.Count} has it ({string.Join("; ", servers)}). Bring a server back or free memory first.";
    }

    public static long Free(EnvironmentInventory hosting, ServerFacts server) =>
        (server.UsableMemoryMb ?? 0) - hosting.Vms
            .Where(v => v.ServerId == server.Id && v.RunState is "RUNNING" or "SUSPENDED")
            .Sum(v => v.MemoryMb ?? 0);
}
