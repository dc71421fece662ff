namespace OvmSelfHost.Simulator.Control;

internal sealed record InstallView(string InstallId, string Host, string State, IReadOnlyList<string> Lines, int? ExitCode, string? Uuid, IReadOnlyList<string> Args);
