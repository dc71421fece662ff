namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record ManagerDefinition(string Name, string Host, string Uuid, string? Environment, int HttpsPort, int HttpPort);
