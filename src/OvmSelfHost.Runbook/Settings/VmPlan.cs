namespace OvmSelfHost.Runbook.Settings;

/// <summary>The VM that will run an environment's manager, hosted by the other environment (4.3.1 sizes by default).</summary>
public sealed record VmPlan(
    string Name,
    string Template,
    string InstallerIso,
    int MemoryMegabytes = 8192,
    int Cpus = 2,
    int DiskGigabytes = 60,
    string? Network = null);
