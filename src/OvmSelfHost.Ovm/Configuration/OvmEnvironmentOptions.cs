namespace OvmSelfHost.Ovm.Configuration;

/// <summary>One Oracle VM environment (A or B): its two managers and its hosts.</summary>
public sealed class OvmEnvironmentOptions
{
    public OvmManagerOptions? OriginalManager { get; set; }

    public OvmManagerOptions? ReplacementManager { get; set; }

    /// <summary>Keyed by <c>OriginalManager</c>, <c>ReplacementVm</c> or <c>Database</c> (see HostRole).</summary>
    public Dictionary<string, ManagerHostOptions> Hosts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
