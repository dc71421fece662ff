namespace OvmSelfHost.Simulator.Control;

internal sealed record InstallerRequest(List<string>? Args);
