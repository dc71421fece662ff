namespace OvmSelfHost.Simulator.World;

/// <summary>Time scale and simulated durations (seconds of simulated time), changeable at run time.</summary>
public sealed record SimulatorSettings
{
    /// <summary>Simulated seconds per real second; every duration is divided by it.</summary>
    public double TimeScale { get; init; } = 1;
    public double JobSeconds { get; init; } = 1;
    public double DiscoverySeconds { get; init; } = 3;
    public double RefreshSeconds { get; init; } = 2;
    public double InstallerSeconds { get; init; } = 30;
    public double ManagerStartupSeconds { get; init; } = 10;

    /// <summary>
    /// From a server's failure to the HA restart of its VMs on another server: the cluster first fences
    /// the dead server (OCFS2 heartbeat, clusterTimeout 30-300 s in the CLI reference), then starts them.
    /// </summary>
    public double HaRestartSeconds { get; init; } = 30;

    /// <summary>A VM's guest boot after a (re)start: its host answers only after it (0: at once, as before).</summary>
    public double VmBootSeconds { get; init; }

    /// <summary>How long a live migration job takes (memory copied while the guest runs).</summary>
    public double MigrationSeconds { get; init; } = 8;

    /// <summary>The stop-and-copy pause at the end of a live migration: the guest does not answer meanwhile.</summary>
    public double MigrationPauseSeconds { get; init; } = 2;

    /// <summary>Real delay added to every WS-API request (milliseconds, not scaled).</summary>
    public int RequestLatencyMs { get; init; }

    public TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds / (TimeScale <= 0 ? 1 : TimeScale));
}
