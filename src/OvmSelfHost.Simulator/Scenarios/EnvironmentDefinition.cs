namespace OvmSelfHost.Simulator.Scenarios;

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
