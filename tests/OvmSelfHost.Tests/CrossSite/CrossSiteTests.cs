using System.Net;
using System.Text;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.CrossSite;

/// <summary>
/// Why item 5 of the hardening issue: a page of another site, or one reached through DNS rebinding,
/// must not drive the local console's API. Every refused shape changes nothing.
/// </summary>
public sealed class CrossSiteTests
{
    private const string StartBody = """{"environments":["A","B"],"requestedBy":"alice"}""";

    public static TheoryData<string, string> Changes => new()
    {
        { "/api/migrations", StartBody },
        { "/api/commands", """{"user":"alice","text":"/ovm start A B now"}""" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task ForeignOrigin_Post_IsRefusedAndChangesNothing(string url, string body)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var response = await client.SendAsync(Json(url, body, ("Origin", "http://evil.example")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another origin", await response.Content.ReadAsStringAsync());
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task SecFetchSiteOfAnotherSite_Post_IsRefused(string site)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var response = await client.SendAsync(Json("/api/migrations", StartBody, ("Sec-Fetch-Site", site)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonx")]
    public async Task BodyThatIsNotJson_Post_Answers415AndChangesNothing(string contentType)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/migrations") { Content = new StringContent(StartBody, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
    }

    [Theory]
    [InlineData("GET", "/api/migrations")]
    [InlineData("GET", "/api/session")]
    [InlineData("POST", "/api/migrations")]
    public async Task ForeignHostAsAfterDnsRebinding_AnyRequest_Answers400(string method, string url)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var request = method == "GET" ? new HttpRequestMessage(HttpMethod.Get, url) : Json(url, StartBody);
        request.Headers.Host = "rebound.evil.example:5080";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
    }

    [Fact]
    public async Task ForeignOrigin_EventStream_IsRefused()
    {
        await using var host = new HostFactory();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Origin", "http://evil.example");

        var response = await host.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OwnOriginWithoutToken_Post_IsRefusedUntilTheSessionTokenIsSent()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var origin = ("Origin", "http://localhost");

        var withoutToken = await client.SendAsync(Json("/api/migrations", StartBody, origin));
        var token = (await (await client.GetAsync("/api/session")).ReadAsync()).GetProperty("antiforgeryToken").GetString()!;
        var wrongToken = await client.SendAsync(Json("/api/migrations", StartBody, origin, ("X-OVM-Antiforgery", token + "x")));
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
        var withToken = await client.SendAsync(Json("/api/migrations", StartBody, origin, ("X-OVM-Antiforgery", token)));

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Contains("anti-forgery", await withoutToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
    }

    [Fact]
    public async Task ScriptWithoutOriginOrCookie_PostJson_IsServed()
    {
        await using var host = new HostFactory();

        var response = await host.CreateClient().SendAsync(Json("/api/migrations", StartBody));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Forwarded-Host")]
    public async Task RequestThroughReverseProxy_UserAssertedIdentity_IsOff(string header)
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();

        var start = await client.SendAsync(Json("/api/migrations", StartBody, (header, "203.0.113.7")));
        var sessionRequest = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        sessionRequest.Headers.Add(header, "203.0.113.7");
        var session = await (await client.SendAsync(sessionRequest)).ReadAsync();

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Contains("reverse proxy", await start.Content.ReadAsStringAsync());
        Assert.False(session.GetProperty("local").GetBoolean());
        Assert.Contains("reverse proxy", session.GetProperty("message").GetString());
        Assert.Equal("[]", await client.GetStringAsync("/api/migrations"));
    }

    private static HttpRequestMessage Json(string url, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
