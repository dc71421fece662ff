using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace OvmSelfHost.CrossSite;

/// <summary>
/// Keeps other web sites from driving the host's JSON API through the operator's browser. A request
/// under <c>/api</c> is refused when a browser says it comes from another origin (<c>Origin</c>,
/// <c>Sec-Fetch-Site</c>); a request that changes something must be <c>application/json</c> (which a
/// page of another site cannot send without a CORS preflight we never grant) and, when a browser sent
/// it, carry the console's anti-forgery token. The <c>Host</c> header is checked before this, by
/// ASP.NET Core's host filtering (<c>AllowedHosts</c>), which is what defeats DNS rebinding: a
/// rebound page's requests are same-origin for the browser but name the attacker's host.
/// </summary>
/// <remarks>
/// Scripts (curl, pipelines) send no <c>Origin</c>, no <c>Sec-Fetch-*</c> and no cookie: no browser
/// can be tricked into being one, so they need no token. Every browser sends <c>Origin</c> on a POST.
/// The Bot Framework's <c>/api/messages</c> is authenticated by its own JWT and needs no token.
/// </remarks>
internal sealed class CrossSiteGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string TokenHeader = "X-OVM-Antiforgery";

    private static readonly PathString Api = "/api";
    private static readonly PathString BotFramework = "/api/messages";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(Api))
        {
            await next(context);
            return;
        }

        var refusal = ForeignOrigin(request) ?? WrongContentType(request) ?? await MissingTokenAsync(context);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static IResult? ForeignOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(StatusCodes.Status403Forbidden, $"This request was sent by a page of another site (Sec-Fetch-Site: {site}); the API answers only the console's own pages and scripts. Nothing changed.");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsOwn(origin, request))
        {
            return null;
        }

        return Refused(StatusCodes.Status403Forbidden, $"This request came from another origin ({origin}); the API answers only the console served at {request.Host} and scripts. Nothing changed.");
    }

    /// <summary>Same host and port; the scheme may differ behind a proxy that ends TLS, and no other site can share a host and port.</summary>
    private static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static IResult? WrongContentType(HttpRequest request)
    {
        if (!ChangesSomething(request))
        {
            return null;
        }

        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : Refused(StatusCodes.Status415UnsupportedMediaType,
                $"The API accepts only JSON bodies (Content-Type: application/json), not '{(string.IsNullOrEmpty(request.ContentType) ? "no content type" : request.ContentType)}'. Nothing changed.");
    }

    private async Task<IResult?> MissingTokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ChangesSomething(request) || request.Path.StartsWithSegments(BotFramework) || !FromBrowser(request))
        {
            return null;
        }

        return await antiforgery.IsRequestValidAsync(context)
            ? null
            : Refused(StatusCodes.Status403Forbidden, "The console's anti-forgery token is missing or stale (the host may have restarted). Reload the page and try again. Nothing changed.");
    }

    private static bool ChangesSomething(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    private static bool FromBrowser(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Origin) || request.Headers.ContainsKey("Sec-Fetch-Site") || request.Headers.ContainsKey(HeaderNames.Cookie);

    private static IResult Refused(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported content type" : "Refused: cross-site request");
}
