namespace OvmSelfHost.Runbook.People;

/// <summary>
/// How the person behind a command proved who they are, as the surface that received it saw it.
/// Recorded with each vote and in the journal; never a token.
/// </summary>
/// <param name="Method">How: <c>oidc</c> (signed in at the identity provider), <c>oidc-link</c> (from a chat link, then signed in), <c>slack</c>, <c>teams</c>, <c>local</c>.</param>
/// <param name="Subject">The identity provider's subject (<c>sub</c>), when signed in there.</param>
/// <param name="SignedInAt">When the person last authenticated at the identity provider (<c>auth_time</c>).</param>
/// <param name="Roles">Roles the identity provider grants: when set, they are the person's roles for this command instead of the configured ones.</param>
public sealed record Authentication(string Method, string? Subject = null, DateTimeOffset? SignedInAt = null, IReadOnlySet<PersonRole>? Roles = null)
{
    /// <summary>One line for the journal: how, who at the provider, and when they signed in.</summary>
    public string Describe() =>
        $"authenticated via {Method}{(Subject is null ? "" : $", subject {Subject}")}{(SignedInAt is { } at ? $", signed in {at:yyyy-MM-dd HH:mm:ss}Z" : "")}";
}
