using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OvmSelfHost.TestIdentityProvider;

/// <summary>The provider's own pages and the passthrough endpoints OpenIddict hands to us.</summary>
internal sealed class ProviderEndpoints(TestIdentityProvider provider)
{
    public const string SessionScheme = "test-idp-session";
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)((HttpContext http) => AuthorizeAsync(http)));
        app.MapPost("/connect/token", (Delegate)((HttpContext http) => TokenAsync(http)));
        app.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)((HttpContext http) => LogoutAsync(http)));
        app.MapGet("/login", LoginPage);
        app.MapPost("/login", (Delegate)((HttpContext http) => LoginAsync(http)));
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SessionScheme);
        var now = provider.Clock.GetUtcNow();
        var authenticatedAt = session.Succeeded ? AuthTime(session.Principal!) : (DateTimeOffset?)null;
        var mustSignIn = authenticatedAt is null
            || request.HasPromptValue(PromptValues.Login)
            || (request.MaxAge is { } maxAge && now - authenticatedAt.Value > TimeSpan.FromSeconds(maxAge));
        if (mustSignIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The person must sign in.");
            }

            // Back to this request once signed in, without prompt and max_age: the new sign-in satisfies them.
            var parameters = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync()).ToDictionary() : http.Request.Query.ToDictionary();
            parameters.Remove(Parameters.Prompt);
            parameters.Remove(Parameters.MaxAge);
            var back = QueryHelpers.AddQueryString("/connect/authorize", parameters.ToDictionary(p => p.Key, p => (string?)p.Value.ToString()));
            var forced = authenticatedAt is not null ? "1" : "0";
            return Results.Redirect(QueryHelpers.AddQueryString("/login", new Dictionary<string, string?> { ["returnUrl"] = back, ["fresh"] = forced }));
        }

        var user = provider.Find(session.Principal!.Identity!.Name, null);
        if (user is null)
        {
            return Forbid(Errors.LoginRequired, "The signed-in person is unknown.");
        }

        return await IssueAsync(http, provider.IdentityOf(user, authenticatedAt!.Value), request.GetScopes());
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType())
        {
            var result = await http.AuthenticateAsync(Server);
            return Results.SignIn(result.Principal!, authenticationScheme: Server);
        }

        if (request.IsPasswordGrantType())
        {
            return provider.Find(request.Username, request.Password) is { } user
                ? await IssueAsync(http, provider.IdentityOf(user, provider.Clock.GetUtcNow() - provider.BackdateSignIns), request.GetScopes())
                : Forbid(Errors.InvalidGrant, "Wrong user name or password.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId).SetClaim(Claims.Name, request.ClientId).SetClaims("groups", [.. provider.PipelineGroups]);
            return await IssueAsync(http, identity, request.GetScopes());
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private async Task<IResult> IssueAsync(HttpContext http, ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var scopeManager = http.RequestServices.GetRequiredService<IOpenIddictScopeManager>();
        identity.SetScopes(scopes);
        var resources = new List<string>();
        await foreach (var resource in scopeManager.ListResourcesAsync(identity.GetScopes()))
        {
            resources.Add(resource);
        }

        identity.SetResources(resources);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: Server);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [Server]);
    }

    private static IResult LoginPage(string? returnUrl, string? fresh, string? error) => Results.Content($"""
        <!doctype html><html><head><title>Test provider: sign in</title></head><body>
        <h1>Sign in to the test provider</h1>
        {(fresh == "1" ? "<p id=\"fresh\">Sign in again to confirm it is you.</p>" : "")}
        {(error is null ? "" : $"<p id=\"error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
          <input type="hidden" name="fresh" value="{WebUtility.HtmlEncode(fresh ?? "0")}">
          <label>Username <input name="username" autocomplete="username"></label>
          <label>Password <input name="password" type="password" autocomplete="current-password"></label>
          <button type="submit">Sign in</button>
        </form></body></html>
        """, "text/html");

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
        {
            returnUrl = "/";
        }

        if (provider.Find(form["username"], form["password"]) is not { } user)
        {
            return Results.Redirect(QueryHelpers.AddQueryString("/login", new Dictionary<string, string?>
            {
                ["returnUrl"] = returnUrl, ["fresh"] = form["fresh"], ["error"] = "Wrong user name or password.",
            }));
        }

        // A forced sign-in (prompt=login, max_age) is fresh; any other one may be made to look old.
        var at = provider.Clock.GetUtcNow() - (form["fresh"] == "1" ? TimeSpan.Zero : provider.BackdateSignIns);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName), new Claim(Claims.AuthenticationTime, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))], SessionScheme);
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private static DateTimeOffset? AuthTime(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(Claims.AuthenticationTime)?.Value, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [Server]);
}
