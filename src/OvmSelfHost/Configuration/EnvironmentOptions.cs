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
}
