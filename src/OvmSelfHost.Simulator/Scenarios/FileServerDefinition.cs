namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record FileServerDefinition(string Name, string AccessHost, List<string> Exports);
