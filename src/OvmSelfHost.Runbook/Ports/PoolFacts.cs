namespace OvmSelfHost.Runbook.Ports;

public sealed record PoolFacts(string Id, string Name, bool Clustered, IReadOnlyList<string> ServerIds);
