using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>Adds <c>Authorization: Bearer xoxb-…</c> to every Web API call.</summary>
internal sealed class SlackAuthHandler(IOptions<SlackOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        return base.SendAsync(request, cancellationToken);
    }
}
