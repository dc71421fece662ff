using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Engine;

namespace OvmSelfHost.SignIn;

/// <summary>
/// Who asks, on every surface of the JSON API and the console. With sign-in configured: the signed-in
/// person (cookie or bearer token); a <c>user</c> field in the body is ignored, and a request without a
/// valid sign-in is refused (401) with nothing changed. Without: the picked name, in local mode only.
/// </summary>
public sealed class Askers(IOptions<SignInOptions> options, SignedInPeople people, LocalMode local)
{
    public bool SignInEnabled => options.Value.Enabled;

    public (Asker? Asker, IResult? Problem) Resolve(HttpContext http, string? claimedUser, string field)
    {
        if (SignInEnabled)
        {
            return Signed(http) is { } asker
                ? (asker, null)
                : (null, Results.Problem(
                    detail: $"Sign in first: the console at /signin, or send a bearer token for audience '{options.Value.EffectiveAudience}' from {options.Value.Authority}. "
                        + "A missing, expired or foreign token is refused; nothing changed.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in"));
        }

        if (!local.IsLocal)
        {
            return (null, Problems.From(OutcomeKind.Forbidden,
                $"The '{field}' field is trusted only in local mode (host on loopback alone, no reverse proxy), and {local.WhyNotLocal}. Configure SignIn (see the README's \"Sign-in\"), or use Slack or Teams, which carry real identities."));
        }

        return string.IsNullOrWhiteSpace(claimedUser)
            ? (null, Problems.BadRequest($"'{field}' is required: who is asking?"))
            : (new Asker(claimedUser, null, []), null);
    }

    /// <summary>The signed-in person of this request, or null (also in local mode).</summary>
    public Asker? Signed(HttpContext http) =>
        SignInEnabled
            ? people.From(http.User, IsBearer(http.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            : null;

    public static bool IsBearer(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
