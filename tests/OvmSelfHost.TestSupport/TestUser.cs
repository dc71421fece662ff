namespace OvmSelfHost.TestIdentityProvider;

/// <summary>A person the test provider knows: signs in with <see cref="Password"/>, and carries <see cref="Groups"/> in its tokens.</summary>
public sealed record TestUser(string UserName, string Password, string Email, IReadOnlyList<string> Groups)
{
    /// <summary>The provider's stable subject for this person (what the audit records).</summary>
    public string Subject => $"sub-{UserName}";
}
