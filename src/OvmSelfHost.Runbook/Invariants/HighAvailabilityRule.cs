using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Invariants;

/// <summary>Invariant 3: the hosting pool is clustered with two or more servers, and the VM has HA on, read back.</summary>
public static class HighAvailabilityRule
{
    public static string? PoolViolation(PoolFacts? pool, string poolName)
    {
        if (pool is null)
        {
            return $"Pool {poolName} does not exist.";
        }

        if (!pool.Clustered)
        {
            return $"Pool {pool.Name} is not clustered: HA needs a clustered pool.";
        }

        return pool.ServerIds.Count < 2
            ? $"Pool {pool.Name} has {pool.ServerIds.Count} server(s): HA needs at least two."
            : null;
    }

    public static string? VmViolation(VmFacts? vm, string expectedPoolId)
    {
        if (vm is null)
        {
            return "The manager VM is not found in the hosting environment.";
        }

        if (!vm.HighAvailability)
        {
            return $"VM {vm.Name} reads back with highAvailability false.";
        }

        return vm.PoolId != expectedPoolId ? $"VM {vm.Name} is in pool {vm.PoolId}, not {expectedPoolId}." : null;
    }
}
