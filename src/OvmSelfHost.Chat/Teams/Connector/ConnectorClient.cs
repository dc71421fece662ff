using OvmSelfHost.Chat.Teams.Activities;
using Refit;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>
/// The Connector API at a given serviceUrl: replies here; proactive sends, updates and new
/// conversations only through the outbox relay (Outbox/TeamsOutboxConnector). Refuses a
/// serviceUrl that did not come in on an authenticated activity, so the token never leaves for
/// an address someone made up. HTTP failures become <see cref="TeamsConnectorException"/>.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory clients, TrustedServiceUrls trusted)
{
    public const string HttpClientName = "teams-connector";

    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(TeamsJson.Options));

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string activityId, TeamsActivity activity, CancellationToken cancellationToken) =>
        CallAsync("reply", serviceUrl, api => api.ReplyToActivityAsync(conversationId, activityId, activity with { ReplyToId = activityId }, cancellationToken));

    internal async Task<T> CallAsync<T>(string operation, string serviceUrl, Func<IConnectorApi, Task<T>> call)
    {
        if (!trusted.IsTrusted(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri))
        {
            throw new TeamsConnectorException(operation, "the serviceUrl did not come in on an authenticated activity, so the bot's token is not sent there");
        }

        var http = clients.CreateClient(HttpClientName);
        http.BaseAddress = new Uri(baseUri.ToString().TrimEnd('/'));
        try
        {
            return await call(RestService.ForGenerated<IConnectorApi>(http, Settings));
        }
        catch (ApiException ex)
        {
            throw new TeamsConnectorException(operation, $"the Connector answered HTTP {(int)ex.StatusCode}") { RetryAfter = ex.Headers.RetryAfter?.Delta };
        }
    }
}
