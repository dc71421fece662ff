namespace OvmSelfHost.Simulator.Control;

/// <summary>One WS-API request as <c>GET /sim/stats</c> lists it: when (simulated time), to which manager, and what.</summary>
internal sealed record RecentRequest(DateTimeOffset At, string Manager, string Method, string Path);
