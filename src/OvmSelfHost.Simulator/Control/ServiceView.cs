namespace OvmSelfHost.Simulator.Control;

internal sealed record ServiceView(string Name, string State);
