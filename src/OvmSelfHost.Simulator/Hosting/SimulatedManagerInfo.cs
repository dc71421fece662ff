namespace OvmSelfHost.Simulator.Hosting;

/// <summary>
/// A snapshot of one simulated manager: where its WS-API is served and in which state it is.
/// <see cref="Environment"/> is the environment it manages (null while it owns nothing it knows);
/// <see cref="HostEnvironment"/> the environment its host runs in (null for a physical host outside
/// any environment); <see cref="SelfHosted"/> flags a manager running inside what it manages.
/// </summary>
public sealed record SimulatedManagerInfo(
    string Name,
    string Host,
    string? Environment,
    string? HostEnvironment,
    bool SelfHosted,
    string Uuid,
    string RunState,
    Uri HttpsBaseUrl,
    Uri HttpBaseUrl,
    int HttpsPort,
    int HttpPort,
    string User,
    string Password);
