namespace OvmSelfHost.Configuration;

/// <summary><c>Environments:&lt;Name&gt;:ReplacementVm</c>: the HA VM that will run this environment's manager.</summary>
public sealed class VmPlanOptions
{
    public string Name { get; set; } = "";
    public string Template { get; set; } = "";
    public string InstallerIso { get; set; } = "";
    public int MemoryMegabytes { get; set; } = 8192;
    public int Cpus { get; set; } = 2;
    public int DiskGigabytes { get; set; } = 60;
    public string? Network { get; set; }
}
