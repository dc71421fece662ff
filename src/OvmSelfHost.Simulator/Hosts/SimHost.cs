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
}
