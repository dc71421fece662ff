namespace OvmSelfHost.Ovm.Simulated;

/// <summary>The <c>facts</c> of <c>GET /sim/hosts/{host}</c>.</summary>
internal sealed record SimulatedHostFacts(
    string? OsRelease,
    string? Architecture,
    long MemoryMb,
    int Cpus,
    long SwapMb,
    Dictionary<string, long>? FreeMb);
