using OvmSelfHost.Runbook.Ports;

namespace OvmSelfHost.Runbook.Invariants;

/// <summary>Invariant 1: a manager VM is never placed in a pool that the same manager manages.</summary>
public static class SelfHostingRule
{
    /// <returns>Why the placement would be self-hosting, or null when it is not.</returns>
    public static string? Violation(string target, string hosting, string hostingManagerUuid, string targetManagerUuid, string hostingPoolId, EnvironmentInventory targetInventory)
    {
        if (string.Equals(target, hosting, StringComparison.OrdinalIgnoreCase))
        {
            return $"Self-hosting refused: {target}'s manager cannot be hosted by {target} itself.";
        }

        if (string.Equals(hostingManagerUuid, targetManagerUuid, StringComparison.OrdinalIgnoreCase))
        {
            return $"Self-hosting refused: {hosting} is managed by the manager being moved (UUID {targetManagerUuid}); " +
                   "its VM would run on the platform it manages.";
        }

        if (targetInventory.Pools.Any(p => p.Id == hostingPoolId))
        {
            return $"Self-hosting refused: pool {hostingPoolId} is managed by {target}'s manager; choose a pool of {hosting}.";
        }

        return null;
    }
}
