namespace OvmSelfHost.Runbook.Ports;

/// <param name="OwnerManagerUuid">The <c>managerUuid</c> the server says owns it; null when unowned.</param>
public sealed record ServerFacts(string Id, string Name, string? PoolId, string? OwnerManagerUuid, string RunState);
