namespace OvmSelfHost.Simulator.Hosts;

/// <summary>A manager host: files, services and facts; a planned VM host also carries the ports its manager will use.</summary>
internal sealed class SimHost
{
    public required string Name { get; init; }
    public required HostKind Kind { get; init; }
    public HostFacts? PhysicalFacts { get; init; }

    /// <summary>Where the host lives (physical: declared; VM: found from the VM at query time).</summary>
    public string? Environment { get; init; }

    public int PlannedHttpsPort { get; set; }
    public int PlannedHttpPort { get; set; }
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Installed services and whether they run (ovmm's state is kept on its manager).</summary>
    public Dictionary<string, bool> Services { get; } = new(StringComparer.Ordinal);

    public List<InstallRun> Installs { get; } = [];

    /// <summary>The SHA-256 fingerprint of the host's SSH host key (as <c>ssh-keygen -lf</c> prints it); a rebuilt host gets a new one.</summary>
    public string HostKey { get; set; } = NewHostKey();

    public static string NewHostKey() =>
        "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
}
