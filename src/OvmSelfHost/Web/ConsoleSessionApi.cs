using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using OvmSelfHost.Endpoints;
using OvmSelfHost.SignIn;
using OvmSelfHost.Runbook.People;

namespace OvmSelfHost.Web;

/// <summary>Who may act from the console: the configured people (names and roles only) and whether the host trusts a picked name.</summary>
internal static class ConsoleSessionApi
{
    public static IResult Session(LocalMode local, Askers askers, IOptions<SignInOptions> signIn, IAntiforgery antiforgery, HttpContext http)
    {
        var token = antiforgery.GetAndStoreTokens(http).RequestToken;
        if (!askers.SignInEnabled)
        {
            return Results.Ok(new SessionView(
                local.IsLocal,
                local.Addresses(),
                local.IsLocal
                    ? "Local mode: the host listens on loopback only, so the console acts as the user you pick."
                    : $"Read-only: {local.WhyNotLocal}. Configure sign-in (see the README's \"Sign-in\"), or use Slack or Teams to act.",
                token));
        }

        var asker = askers.Signed(http);
        return Results.Ok(new SessionView(false, local.Addresses(),
            asker is null ? "Sign in to act: the console acts only as the person signed in at the identity provider." : $"Signed in as {asker.Name}.",
            token)
        {
            SignIn = true,
            User = asker?.Name,
            Roles = asker?.Roles ?? [],
            SignedInAt = asker?.Authentication?.SignedInAt,
            FreshSignInSeconds = (int)signIn.Value.FreshSignIn.MaxAge.TotalSeconds,
        });
    }

    public static IResult People(PeopleDirectory people) => Results.Ok(
        people.All.Select(p => new PersonView(p.Name, p.Roles.Select(r => r.ToString().ToLowerInvariant()).Order().ToList())));
}
