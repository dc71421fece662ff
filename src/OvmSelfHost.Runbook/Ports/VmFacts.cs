namespace OvmSelfHost.Runbook.Ports;

public sealed record VmFacts(
    string Id,
    string Name,
    string? PoolId,
    string? ServerId,
    string RunState,
    bool HighAvailability,
    string? RepositoryId,
    long? MemoryMb = null);
