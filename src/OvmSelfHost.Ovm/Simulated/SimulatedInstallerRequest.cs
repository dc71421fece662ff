namespace OvmSelfHost.Ovm.Simulated;

internal sealed record SimulatedInstallerRequest(IReadOnlyList<string> Args);
