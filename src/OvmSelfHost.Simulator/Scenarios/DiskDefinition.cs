namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record DiskDefinition(string Name, double SizeGb);
