using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.Settings;

namespace OvmSelfHost.SignIn;

/// <summary>
/// <c>SignIn</c>: OpenID Connect sign-in for the console and bearer tokens for the JSON API. With no
/// <see cref="Authority"/> the host is in local mode; the moment one is set, every surface acts only
/// for the signed-in person. The client secret is never read from configuration files: only from the
/// environment variable <see cref="ClientSecretVariable"/>.
/// </summary>
public sealed class SignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>The one place the client secret is read from.</summary>
    public const string ClientSecretVariable = "OVM_SIGNIN_CLIENT_SECRET";

    /// <summary>The provider's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; null: local mode.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The audience API tokens must be for; the client id when not set.</summary>
    public string? Audience { get; set; }

    /// <summary>Refuse a provider whose metadata is not served over HTTPS (off only for a test provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a console sign-in lasts before the person signs in again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The claim whose value is the person's name when no configured user is linked.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim matched against <c>Users:n:SignIn</c> to link a signed-in person to their Slack and Teams ids.</summary>
    public string LinkClaim { get; set; } = "email";

    /// <summary>Claims that carry groups or app roles.</summary>
    public List<string> RoleClaims { get; set; } = ["roles", "groups"];

    /// <summary>Values of <see cref="RoleClaims"/> (group ids, app role names) that make a person a requester.</summary>
    public List<string> Requesters { get; set; } = [];

    /// <summary>Values of <see cref="RoleClaims"/> that make a person an approver.</summary>
    public List<string> Approvers { get; set; } = [];

    public FreshSignInOptions FreshSignIn { get; set; } = new();

    /// <summary>How long a chat link to confirm a dangerous approval stays usable (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The console's address as people reach it (behind a proxy), for links sent to chat; the host's own address when not set.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Never bound from a file: <see cref="SignInOptionsValidator"/> refuses it there.</summary>
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public string EffectiveAudience => string.IsNullOrWhiteSpace(Audience) ? ClientId ?? "" : Audience;

    /// <summary>The runbook's rule for dangerous approvals; null in local mode.</summary>
    public FreshSignInRule? Rule() => Enabled
        ? new FreshSignInRule(FreshSignIn.Gates.ToHashSet(StringComparer.OrdinalIgnoreCase), FreshSignIn.MaxAge)
        : null;
}

/// <summary><c>SignIn:FreshSignIn</c>: which gates need an approval from a recent sign-in, and how recent.</summary>
public sealed class FreshSignInOptions
{
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    public List<string> Gates { get; set; } = ["StopOldManager", GateKey.Rollback.Name, GateKey.AcceptDifferences.Name, GateKey.AcceptFailedDrill.Name];
}
