using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.SignIn;

/// <summary>
/// Turns a principal the identity provider signed (console cookie or bearer token) into the person it
/// is: linked to a configured user by <see cref="SignInOptions.LinkClaim"/> (then the same person as
/// on Slack and Teams), roles from <see cref="SignInOptions.RoleClaims"/> mapped by configuration.
/// </summary>
public sealed class SignedInPeople(IOptions<SignInOptions> options, PeopleDirectory people)
{
    public const string AuthTimeClaim = "auth_time";

    public Asker? From(ClaimsPrincipal? principal, string? scheme)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var o = options.Value;
        var subject = principal.FindFirst("sub")?.Value;
        var linked = people.BySignIn(principal.FindFirst(o.LinkClaim)?.Value);
        var name = linked?.Name ?? Unlinked(principal.FindFirst(o.NameClaim)?.Value ?? subject);
        if (name is null)
        {
            return null;
        }

        var roles = Roles(principal, o);
        var signedInAt = long.TryParse(principal.FindFirst(AuthTimeClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        var method = scheme == JwtBearerDefaults.AuthenticationScheme ? "oidc-token" : "oidc";
        return new Asker(name, new Authentication(method, subject, signedInAt, roles),
            roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToList());
    }

    /// <summary>
    /// A name no configured user has: someone the provider knows but <c>Users</c> does not link must
    /// never pass for the configured person of the same name (who has other chat identities).
    /// </summary>
    private string? Unlinked(string? name) =>
        name is null ? null : people.ByName(name) is null ? name : $"{name} (unlinked)";

    private static HashSet<PersonRole> Roles(ClaimsPrincipal principal, SignInOptions o)
    {
        var values = principal.Claims.Where(c => o.RoleClaims.Contains(c.Type, StringComparer.OrdinalIgnoreCase)).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var roles = new HashSet<PersonRole>();
        if (o.Requesters.Any(values.Contains))
        {
            roles.Add(PersonRole.Requester);
        }

        if (o.Approvers.Any(values.Contains))
        {
            roles.Add(PersonRole.Approver);
        }

        return roles;
    }
}
