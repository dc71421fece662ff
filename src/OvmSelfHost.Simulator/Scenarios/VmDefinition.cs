namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record VmDefinition
{
    public required string Name { get; init; }
    public bool Template { get; init; }
    public string? RunningOn { get; init; }
    public bool Ha { get; init; }
    public long MemoryMb { get; init; } = 2048;
    public long Cpus { get; init; } = 1;
    public string OsType { get; init; } = "Oracle Linux 7";
    public List<DiskDefinition> Disks { get; init; } = [];
    public bool Nic { get; init; } = true;
}
