namespace OvmSelfHost.Runbook.Ports;

/// <summary>What one manager sees of its environment at one moment.</summary>
public sealed record EnvironmentInventory(
    string ManagerUuid,
    IReadOnlyList<ServerFacts> Servers,
    IReadOnlyList<PoolFacts> Pools,
    IReadOnlyList<RepositoryFacts> Repositories,
    IReadOnlyList<VmFacts> Vms,
    IReadOnlyList<NamedObject> VirtualDisks,
    IReadOnlyList<NamedObject> Networks,
    IReadOnlyList<NamedObject> FileServers,
    IReadOnlyList<NamedObject> StorageArrays);
