namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record NetworkDefinition(string Id, string Name);
