namespace OvmSelfHost.Runbook.Settings;

/// <summary>
/// What the runbook must know of one environment: where it hosts the other environment's manager
/// VM, and the VM that will run its own manager.
/// </summary>
/// <param name="HostingPool">The clustered pool of this environment that hosts the other manager's VM.</param>
/// <param name="HostingRepository">The repository (in that pool) with the template and the installer ISO.</param>
/// <param name="ServersToDiscover">Servers the preparation step discovers and adds to the hosting pool when missing.</param>
/// <param name="HaDrill">Whether the HA drill moves the manager VM this environment hosts before the phase is confirmed (on by default).</param>
/// <param name="HaDrillFailover">The harder drill, after the move: stop the server the VM runs on (out of band) and watch HA restart it elsewhere.</param>
public sealed record EnvironmentPlan(
    string Name,
    string HostingPool,
    string HostingRepository,
    VmPlan ReplacementVm,
    bool SeparateDatabase = false,
    IReadOnlyList<string>? ServersToDiscover = null,
    bool HaDrill = true,
    bool HaDrillFailover = false);
