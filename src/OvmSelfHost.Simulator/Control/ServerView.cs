namespace OvmSelfHost.Simulator.Control;

internal sealed record ServerView(string Name, string Id, string? Environment, string IpAddress, string? OwnerUuid, string RunState, string? Pool, List<string> RunningVms,
    int MemoryMb, long FreeMemoryMb);
