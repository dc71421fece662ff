using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>Adds the bot's bearer token to every Connector call; none in local mode (the Agents Playground asks for none, and there is no app password).</summary>
internal sealed class ConnectorAuthHandler(BotTokenProvider tokens, IOptions<TeamsOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.Value.LocalMode)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
