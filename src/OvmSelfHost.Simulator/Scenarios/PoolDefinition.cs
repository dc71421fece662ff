namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record PoolDefinition(string Name, bool Clustered, string? HeartbeatExport, List<string> Servers, string? VirtualIp);
