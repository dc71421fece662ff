namespace OvmSelfHost.Configuration;

/// <summary><c>Environments:&lt;Name&gt;</c>: what the runbook must know of one environment.</summary>
public sealed class EnvironmentOptions
{
    public string HostingPool { get; set; } = "";
    public string HostingRepository { get; set; } = "";
    public VmPlanOptions ReplacementVm { get; set; } = new();
    public bool SeparateDatabase { get; set; }
    public List<string> ServersToDiscover { get; set; } = [];

    /// <summary>Live-migrate the manager VM this environment hosts before its phase is confirmed (the HA drill).</summary>
    public bool HaDrill { get; set; } = true;

    /// <summary>
    /// The harder drill, after the move: stop the server the manager VM runs on through its power control (the simulator's
    /// control API) and watch HA restart the VM on another server; the server is started again afterwards.
    /// </summary>
    public bool HaDrillFailover { get; set; }
}
