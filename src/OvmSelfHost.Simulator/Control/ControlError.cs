namespace OvmSelfHost.Simulator.Control;

internal sealed record ControlError(string Error);
