namespace OvmSelfHost.SignIn;

/// <summary>What a chat approval link approves, for the console's confirmation panel.</summary>
/// <param name="SignedInAs">Who the console is signed in as (null: nobody yet).</param>
/// <param name="Fresh">Whether that sign-in is recent enough to approve a dangerous gate now.</param>
/// <param name="FreshSignInUrl">Where to sign in again and come back to this link.</param>
internal sealed record ApprovalLinkView(
    string Key, Guid MigrationId, int Phase, string Gate, int Round, string Person, string Channel, DateTimeOffset ExpiresAt,
    string? SignedInAs, bool Fresh, string FreshSignInUrl);
