namespace OvmSelfHost.Ovm.Tests.Ssh;

/// <summary>A fact that needs the loopback sshd; skipped (with the reason) only when its env file is absent.</summary>
public sealed class SshFactAttribute : FactAttribute
{
    public SshFactAttribute()
    {
        if (SshTestEnvironment.EnvFilePath() is null)
        {
            Skip = "No sshd env file (test-artifacts/sshd/env): run 'sudo scripts/start-sshd.sh' first.";
        }
    }
}
