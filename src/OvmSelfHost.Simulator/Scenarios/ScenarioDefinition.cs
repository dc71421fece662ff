namespace OvmSelfHost.Simulator.Scenarios;

/// <summary>A scenario file (<c>Scenarios/*.json</c>): managers, manager hosts, planned manager VMs and environments.</summary>
internal sealed record ScenarioDefinition
{
    public string Name { get; init; } = "unnamed";
    public string User { get; init; } = "admin";
    public string Password { get; init; } = "Welcome1";
    public List<ManagerDefinition> Managers { get; init; } = [];
    public List<HostDefinition> Hosts { get; init; } = [];
    public List<PlannedManagerVmDefinition> PlannedManagerVms { get; init; } = [];
    public List<EnvironmentDefinition> Environments { get; init; } = [];
}

internal sealed record ManagerDefinition(string Name, string Host, string Uuid, string? Environment, int HttpsPort, int HttpPort);

internal sealed record HostDefinition(string Name, string? Environment, FactsDefinition Facts);

internal sealed record FactsDefinition(string OsRelease, string Architecture, long MemoryMb, long Cpus, long SwapMb, Dictionary<string, long> FreeMb);

internal sealed record PlannedManagerVmDefinition(string Host, string? HostedIn, string? TakesOver, int HttpsPort, int HttpPort);

internal sealed record EnvironmentDefinition
{
    public required string Name { get; init; }
    public string? Manager { get; init; }
    public required NetworkDefinition Network { get; init; }
    public List<ServerDefinition> Servers { get; init; } = [];
    public FileServerDefinition? FileServer { get; init; }
    public PoolDefinition? Pool { get; init; }
    public List<RepositoryDefinition> Repositories { get; init; } = [];
}

internal sealed record NetworkDefinition(string Id, string Name);

internal sealed record ServerDefinition(string Name, string Ip, string? AgentPassword, bool Owned = true);

internal sealed record FileServerDefinition(string Name, string AccessHost, List<string> Exports);

internal sealed record PoolDefinition(string Name, bool Clustered, string? HeartbeatExport, List<string> Servers, string? VirtualIp);

internal sealed record RepositoryDefinition(string Name, string Export, List<string> PresentedTo, List<DiskDefinition>? Isos, List<VmDefinition>? Vms);

internal sealed record DiskDefinition(string Name, double SizeGb);

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
