using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Web;

namespace OvmSelfHost.SignIn;

/// <summary>
/// <c>/signin</c> (with <c>fresh=true</c>: sign in again, for a dangerous approval), <c>/signout</c>,
/// and chat approval links: <c>GET /api/links/{ticket}</c> says what the link approves and whether the
/// sign-in is fresh enough, <c>POST …/confirm</c> casts the vote, through the engine like any other.
/// </summary>
internal static class SignInEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", SignIn).ExcludeFromDescription();
        app.MapGet("/signout", SignOut).ExcludeFromDescription();
        var links = app.MapGroup("/api/links").WithTags("Sign-in");
        links.MapGet("/{ticket}", Describe);
        links.MapPost("/{ticket}/confirm", ConfirmAsync);
    }

    private static IResult SignIn(string? returnUrl, bool? fresh, Askers askers)
    {
        if (!askers.SignInEnabled)
        {
            return Results.Redirect("/");
        }

        var properties = new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) };
        if (fresh == true)
        {
            properties.Items[SignInExtensions.FreshItem] = "1";
        }

        return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    private static IResult SignOut(Askers askers) =>
        askers.SignInEnabled
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
            : Results.Redirect("/");

    /// <summary>Only a path of this host: a sign-in never sends anyone to another site.</summary>
    private static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static IResult Describe(string ticket, HttpContext http, ApprovalLinks links, Askers askers, IOptions<SignInOptions> options, TimeProvider time)
    {
        var (link, refusal) = links.Read(ticket);
        if (link is null)
        {
            return Problems.BadRequest(refusal!);
        }

        var asker = askers.Signed(http);
        var age = asker?.Authentication?.SignedInAt is { } at ? time.GetUtcNow() - at : (TimeSpan?)null;
        return Results.Ok(new ApprovalLinkView(
            link.Key.ToString(), link.MigrationId, link.Phase, link.Gate.Name, link.Round, link.Person, link.Channel, link.ExpiresAt,
            asker?.Name, age is { } a && a <= options.Value.FreshSignIn.MaxAge,
            $"/signin?fresh=true&returnUrl={Uri.EscapeDataString($"/?link={ticket}")}"));
    }

    private static async Task<IResult> ConfirmAsync(
        string ticket, HttpContext http, ApprovalLinks links, Askers askers, MigrationEngine engine, IDeliveryClaims claims, CancellationToken cancellationToken)
    {
        var (link, refusal) = links.Read(ticket);
        if (link is null)
        {
            return Problems.BadRequest(refusal!);
        }

        if (askers.Signed(http) is not { } asker)
        {
            return Results.Problem(detail: "Sign in first; nothing was recorded.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
        }

        if (!string.Equals(asker.Name, link.Person, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.From(OutcomeKind.Forbidden,
                $"This link was sent to {link.Person} ({link.Channel} user {link.ChatUserId}); you are signed in as {asker.Name}. Only {link.Person} may use it; nothing was recorded.");
        }

        var key = DeliveryKey.Of("approval-link", link.Nonce);
        var claim = await claims.ClaimAsync(key, "web", cancellationToken);
        if (!claim.IsFirst)
        {
            return Problems.From(OutcomeKind.Conflict, "This approval link was already used; a link counts once. Nothing more was recorded.");
        }

        var authentication = asker.Authentication! with { Method = $"{asker.Authentication.Method}, from a {link.Channel} link" };
        var outcome = await engine.DecideAsync(link.MigrationId, asker.Name, link.Channel, VoteDecision.Approve, null, cancellationToken, link.Key.Opening, authentication);
        if (!outcome.Succeeded)
        {
            // Refused (a stale sign-in, a closed opening): nothing was recorded, so the link stays usable until it expires.
            await claims.ReleaseAsync(key, CancellationToken.None);
            return Problems.From(outcome.Kind, outcome.Message);
        }

        await claims.AnswerAsync(key, new StoredOutcome(outcome.Kind, outcome.Message).ToJson(), cancellationToken);
        return Results.Ok(new { message = outcome.Message });
    }
}
