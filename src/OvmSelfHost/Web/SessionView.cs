namespace OvmSelfHost.Web;

/// <summary>Whether the console may act (<see cref="Local"/>), the sentence that says why or why not, and the token its changes carry.</summary>
/// <remarks>With sign-in configured: <see cref="SignIn"/>, who is signed in (null: nobody), their roles, when they signed in at the provider, and how recent a sign-in a dangerous approval needs.</remarks>
internal sealed record SessionView(bool Local, IReadOnlyList<string> Addresses, string Message, string? AntiforgeryToken)
{
    public bool SignIn { get; init; }
    public string? User { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public DateTimeOffset? SignedInAt { get; init; }
    public int? FreshSignInSeconds { get; init; }
}
