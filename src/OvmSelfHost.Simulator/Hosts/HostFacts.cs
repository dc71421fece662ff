namespace OvmSelfHost.Simulator.Hosts;

/// <summary>Guest OS facts of a manager host, as the 4.3.2 checks read them.</summary>
public sealed record HostFacts(
    string OsRelease,
    string Architecture,
    long MemoryMb,
    long Cpus,
    long SwapMb,
    IReadOnlyDictionary<string, long> FreeMb);
