namespace OvmSelfHost.Simulator.Control;

internal sealed record EnvironmentView(string Name, List<string> OwnedByManagers, List<ServerView> Servers);
