using System.Net.Http.Headers;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>Adds the bot's bearer token to every Connector call.</summary>
internal sealed class ConnectorAuthHandler(BotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
