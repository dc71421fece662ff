namespace OvmSelfHost.Runbook.Ports;

/// <param name="OwnerManagerUuid">The <c>managerUuid</c> the server says owns it; null when unowned.</param>
/// <param name="UsableMemoryMb">The server's <c>usableMemory</c> (MB left for VMs); null when not reported.</param>
public sealed record ServerFacts(string Id, string Name, string? PoolId, string? OwnerManagerUuid, string RunState, long? UsableMemoryMb = null);
