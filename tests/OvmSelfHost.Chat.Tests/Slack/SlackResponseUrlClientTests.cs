using Microsoft.Extensions.Options;
using OvmSelfHost.Chat.Slack;
using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Tests.Slack;

public sealed class SlackResponseUrlClientTests
{
    private static SlackResponseUrlClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler), Options.Create(new SlackOptions()));

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T0/1/abc", true)]
    [InlineData("https://hooks.slack.com.evil.example/x", false)]
    [InlineData("http://hooks.slack.com/commands/T0/1/abc", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("not a url", false)]
    public void Only_slack_response_urls_are_trusted_by_default(string url, bool trusted)
    {
        Assert.Equal(trusted, Client(new CountingHandler()).IsTrusted(url));
    }

    [Fact]
    public async Task An_untrusted_response_url_is_never_called()
    {
        var handler = new CountingHandler();

        var refused = await Assert.ThrowsAsync<SlackApiException>(() => Client(handler).ReplyAsync("http://127.0.0.1:9/internal", "hello"));

        Assert.Equal(0, handler.Calls);
        Assert.Contains("untrusted_response_url", refused.Message);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
