namespace OvmSelfHost.Simulator.Faults;

/// <summary>The call a fault is matched against.</summary>
internal sealed record FaultCall(string Manager, string Method, string Path, string? Operation);
