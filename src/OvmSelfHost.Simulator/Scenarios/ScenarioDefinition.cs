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
