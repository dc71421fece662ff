namespace OvmSelfHost.Simulator.Hosting;

/// <summary>A snapshot of one simulated manager: where its WS-API is served and in which state it is.</summary>
public sealed record SimulatedManagerInfo(
    string Name,
    string Host,
    string? Environment,
    string Uuid,
    string RunState,
    Uri HttpsBaseUrl,
    Uri HttpBaseUrl,
    int HttpsPort,
    int HttpPort,
    string User,
    string Password);
