using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OvmSelfHost.SignIn;

namespace OvmSelfHost.Endpoints;

/// <summary>
/// Until the channels carry real identities, a "user" field in a request is believed only when the
/// host listens on loopback alone, where whoever calls is already on the machine, and the request did
/// not come through a reverse proxy (forwarded headers present): behind a proxy, "loopback" is the
/// proxy, and anyone who reaches it would be believed. The moment an identity provider is configured
/// (<c>SignIn:Authority</c>), local mode is off everywhere: the provider says who.
/// </summary>
public sealed class LocalMode(IServer server, IHttpContextAccessor http, IOptions<SignInOptions> signIn)
{
    /// <summary>Headers a reverse proxy adds; any of them switches the user-asserted identity off for that request.</summary>
    public static IReadOnlyList<string> ForwardedHeaders { get; } = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

    public bool IsLocal => !signIn.Value.Enabled && ListensOnLoopbackOnly && ForwardedHeader(http.HttpContext?.Request) is null;

    /// <summary>Why a picked name is not believed now, as a sentence; empty in local mode.</summary>
    public string WhyNotLocal =>
        signIn.Value.Enabled ? $"sign-in is configured ({signIn.Value.Authority}): people act as who they signed in as"
        : !ListensOnLoopbackOnly ? $"the host listens on {string.Join(", ", Addresses())}, not on loopback alone"
        : ForwardedHeader(http.HttpContext?.Request) is { } header ? $"this request came through a reverse proxy (it carries {header})"
        : "";

    public IReadOnlyList<string> Addresses() => server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private bool ListensOnLoopbackOnly => Addresses().All(IsLoopback);

    private static string? ForwardedHeader(HttpRequest? request) =>
        request is null ? null : ForwardedHeaders.FirstOrDefault(request.Headers.ContainsKey);

    private static bool IsLoopback(string address)
    {
        var uri = ListenAddress.Parse(address);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
