namespace OvmSelfHost.Ovm.Simulated;

/// <summary>An installer run: state <c>running</c>, <c>succeeded</c> or <c>failed</c>.</summary>
internal sealed record SimulatedInstallation(string? InstallId, string? State, List<string>? Lines, int? ExitCode)
{
    public bool Finished => State is not null && !string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);
}
