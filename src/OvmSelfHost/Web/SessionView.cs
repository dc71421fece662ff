namespace OvmSelfHost.Web;

/// <summary>Whether the console may act (<see cref="Local"/>), and the sentence that says why or why not.</summary>
internal sealed record SessionView(bool Local, IReadOnlyList<string> Addresses, string Message);
