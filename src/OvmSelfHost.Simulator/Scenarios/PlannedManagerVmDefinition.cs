namespace OvmSelfHost.Simulator.Scenarios;

internal sealed record PlannedManagerVmDefinition(string Host, string? HostedIn, string? TakesOver, int HttpsPort, int HttpPort);
