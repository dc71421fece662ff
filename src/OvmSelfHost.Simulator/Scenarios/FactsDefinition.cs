namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record FactsDefinition(string OsRelease, string Architecture, long MemoryMb, long Cpus, long SwapMb, Dictionary<string, long> FreeMb);
