namespace OvmSelfHost.Ovm.Simulated;

/// <summary><c>GET /sim/hosts/{host}</c>.</summary>
internal sealed record SimulatedHostFacts(
    string? Name,
    string? OsRelease,
    string? Architecture,
    long MemoryMb,
    int Cpus,
    long SwapMb,
    Dictionary<string, long>? FreeMb,
    bool Reachable = true);
