namespace OvmSelfHost.Web;

/// <summary>Whether the console may act (<see cref="Local"/>), the sentence that says why or why not, and the token its changes carry.</summary>
internal sealed record SessionView(bool Local, IReadOnlyList<string> Addresses, string Message, string? AntiforgeryToken);
