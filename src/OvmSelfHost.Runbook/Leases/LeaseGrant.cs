namespace OvmSelfHost.Runbook.Leases;

/// <summary>A lease just granted, with who held the run before (null when nobody had it).</summary>
/// <param name="HandedOver">The previous holder released it (a graceful stop), rather than letting it expire.</param>
public sealed record LeaseGrant(RunFence Fence, DateTimeOffset ExpiresAt, string? PreviousReplica, string? PreviousInstance, bool HandedOver);
