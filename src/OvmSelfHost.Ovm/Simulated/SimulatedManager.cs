namespace OvmSelfHost.Ovm.Simulated;

/// <summary>One entry of <c>GET /sim/managers</c>.</summary>
public sealed record SimulatedManager(
    string Name,
    string? Host,
    string? Environment,
    string? Uuid,
    string? RunState,
    string? HttpsBaseUrl,
    string? HttpBaseUrl,
    string? User = null,
    string? Password = null);
