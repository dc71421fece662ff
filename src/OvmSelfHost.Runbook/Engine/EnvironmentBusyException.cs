namespace OvmSelfHost.Runbook.Engine;

public sealed class EnvironmentBusyException(string environment, Exception? inner = null)
    : Exception($"Environment {environment} already has a migration in flight.", inner)
{
    public string Environment { get; } = environment;
}
