namespace OvmSelfHost.Simulator.Control;

internal sealed record ScenarioRequest(string? Name, string? File);
