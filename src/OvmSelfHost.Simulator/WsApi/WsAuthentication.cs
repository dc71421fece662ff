using System.Text;
using Microsoft.AspNetCore.Http;
using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Basic auth on the first call, then the session cookie (reference 1). Caller holds the world lock.</summary>
internal static class WsAuthentication
{
    /// <summary>Null when authenticated; otherwise the error to answer with.</summary>
    public static WsException? Check(HttpContext ctx, SimManager manager)
    {
        if (ctx.Request.Cookies.TryGetValue(InferredChoices.SessionCookie, out var session) && manager.Sessions.Contains(session))
        {
            return null;
        }
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return new WsException("AUTH_000000", "Not logged in: send HTTP Basic credentials or a session cookie");
        }
        if (Decode(header[6..]) is not var (user, password) || user != manager.User || password != manager.Password)
        {
            return new WsException("AUTH_000005", "Invalid credentials");
        }
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        manager.Sessions.Add(id);
        ctx.Response.Cookies.Append(InferredChoices.SessionCookie, id, new CookieOptions { Path = "/ovm", HttpOnly = true });
        return null;
    }

    private static (string User, string Password)? Decode(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));
            var colon = text.IndexOf(':');
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
