namespace OvmSelfHost.Ovm.Configuration;

/// <summary>One host of an environment: exactly one of <see cref="Ssh"/> or <see cref="Simulated"/>.</summary>
public sealed class ManagerHostOptions
{
    public SshHostOptions? Ssh { get; set; }

    public SimulatedHostOptions? Simulated { get; set; }
}
