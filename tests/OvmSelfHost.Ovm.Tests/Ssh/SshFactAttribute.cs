namespace OvmSelfHost.Ovm.Tests.Ssh;

/// <summary>
/// A fact that needs the loopback sshd. On a developer's machine without it, skipped with how to start
/// it; under CI (where scripts/test.sh always starts it) never skipped, so a broken set-up fails loudly
/// instead of passing with these tests silently left out.
/// </summary>
public sealed class SshFactAttribute : FactAttribute
{
    public SshFactAttribute()
    {
        if (SshTestEnvironment.EnvFilePath() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "No sshd env file (test-artifacts/sshd/env): run 'sudo scripts/start-sshd.sh' (or scripts/test.sh) first.";
        }
    }
}
