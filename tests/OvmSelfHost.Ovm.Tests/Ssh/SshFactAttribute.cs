namespace OvmSelfHost.Ovm.Tests.Ssh;

/// <summary>
/// A fact that needs the loopback sshd. On a developer's machine running <c>dotnet test</c> by hand without it,
/// skipped with how to start it; under the README's test command (scripts/test.sh starts sshd and sets
/// OVM_REQUIRE_SSHD) or CI never skipped, so a broken set-up fails loudly instead of passing with these tests left out.
/// </summary>
public sealed class SshFactAttribute : FactAttribute
{
    public SshFactAttribute()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OVM_REQUIRE_SSHD")))
        {
            return;
        }

        if (SshTestEnvironment.EnvFilePath() is null)
        {
            Skip = "No sshd env file (test-artifacts/sshd/env): run 'sudo scripts/start-sshd.sh' (or scripts/test.sh) first.";
        }
        else if (!SshTestEnvironment.Required.Listening())
        {
            // The env file outlives the sshd that wrote it (a reboot, an earlier test run): its tests would wait on connections.
            Skip = "The sshd of test-artifacts/sshd/env is not listening any more: run 'sudo scripts/start-sshd.sh' (or scripts/test.sh) again.";
        }
    }
}
