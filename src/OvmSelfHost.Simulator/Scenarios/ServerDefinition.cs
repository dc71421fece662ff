namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record ServerDefinition(string Name, string Ip, string? AgentPassword, bool Owned = true);
