using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OvmSelfHost.TestIdentityProvider;

namespace OvmSelfHost.Tests.Support;

/// <summary>
/// A person signing in without a browser: follows every redirect between the host (the test server)
/// and the real provider (over HTTP), keeping each side's cookies, and fills in the provider's login
/// form. The protocol is the real one: authorization code with PKCE, state, nonce and correlation cookies.
/// </summary>
internal sealed partial class SignInWalk : IDisposable
{
    private readonly HttpClient host;
    private readonly HttpClient provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
    private readonly Uri providerAddress;

    public SignInWalk(WebApplicationFactory<Program> factory, Uri providerAddress)
    {
        host = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = SignInWorld.HostAddress });
        this.providerAddress = providerAddress;
    }

    /// <summary>The host, with this person's session cookie.</summary>
    public HttpClient Host => host;

    /// <summary>Starts at a host address (e.g. <c>/signin?fresh=true</c>), signs in as <paramref name="user"/> when asked, and returns the last page.</summary>
    public async Task<(Uri Url, HttpResponseMessage Page)> SignInAsync(string start, TestUser user)
    {
        var (url, page) = await WalkAsync(new Uri(SignInWorld.HostAddress, start));
        if (url.Authority != providerAddress.Authority || !url.AbsolutePath.StartsWith("/login", StringComparison.Ordinal))
        {
            return (url, page);
        }

        var form = await page.Content.ReadAsStringAsync();
        using var login = await provider.PostAsync(new Uri(providerAddress, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = Hidden(form, "returnUrl"),
            ["fresh"] = Hidden(form, "fresh"),
            ["username"] = user.UserName,
            ["password"] = user.Password,
        }));
        return await WalkAsync(new Uri(url, login.Headers.Location!));
    }

    private async Task<(Uri Url, HttpResponseMessage Page)> WalkAsync(Uri url)
    {
        for (var hop = 0; hop < 20; hop++)
        {
            var client = url.Authority == providerAddress.Authority ? provider : host;
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode is < 300 or >= 400)
            {
                return (url, response);
            }

            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
        }

        throw new InvalidOperationException($"More than 20 redirects, last at {url}.");
    }

    private static string Hidden(string form, string name) =>
        WebUtility.HtmlDecode(HiddenInput().Matches(form).Single(m => m.Groups[1].Value == name).Groups[2].Value);

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex HiddenInput();

    public void Dispose()
    {
        host.Dispose();
        provider.Dispose();
    }
}
