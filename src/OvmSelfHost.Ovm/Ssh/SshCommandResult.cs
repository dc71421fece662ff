namespace OvmSelfHost.Ovm.Ssh;

/// <summary>What one remote command returned.</summary>
internal sealed record SshCommandResult(int ExitCode, string Output, string Error);
