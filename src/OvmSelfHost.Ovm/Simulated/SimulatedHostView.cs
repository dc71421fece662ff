namespace OvmSelfHost.Ovm.Simulated;

/// <summary><c>GET /sim/hosts/{host}</c>: the host, whether it is reachable, and its facts when it is.</summary>
internal sealed record SimulatedHostView(string? Name, bool Reachable, SimulatedHostFacts? Facts, string? HostKey = null);
