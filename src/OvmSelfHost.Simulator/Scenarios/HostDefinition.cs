namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record HostDefinition(string Name, string? Environment, FactsDefinition Facts);
