namespace OvmSelfHost.Simulator.Control;

internal sealed record ServerActionView(ServerView Server, IReadOnlyList<string> Actions);
