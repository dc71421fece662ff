namespace OvmSelfHost.Runbook.Ports;

public sealed record InstallerResult(int ExitCode, IReadOnlyList<string> LastLines)
{
    public bool Succeeded => ExitCode == 0;
}
