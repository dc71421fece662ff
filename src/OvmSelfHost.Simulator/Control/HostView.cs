using OvmSelfHost.Simulator.Hosts;

namespace OvmSelfHost.Simulator.Control;

internal sealed record HostView(string Name, string Kind, string? Environment, bool Reachable, HostFacts? Facts, List<ServiceView> Services, string? Manager, string HostKey);
