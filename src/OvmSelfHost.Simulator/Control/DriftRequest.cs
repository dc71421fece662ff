namespace OvmSelfHost.Simulator.Control;

/// <summary>The body of a drift call: only the field that call reads.</summary>
internal sealed record DriftRequest(string? Password = null, int? ValidDays = null, bool? Clustered = null, string? HostKey = null);
