namespace OvmSelfHost.Ovm.Simulated;

/// <summary><c>GET /sim/hosts/{host}/services/{service}</c>: state is <c>running</c> or <c>stopped</c>.</summary>
internal sealed record SimulatedService(string? Name, string? State);
