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

    /// <summary>Real delay added to every WS-API request (milliseconds, not scaled).</summary>
    public int RequestLatencyMs { get; init; }

    public TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds / (TimeScale <= 0 ? 1 : TimeScale));
}
