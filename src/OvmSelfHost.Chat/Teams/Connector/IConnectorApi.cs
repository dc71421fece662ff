using OvmSelfHost.Chat.Teams.Activities;
using Refit;

namespace OvmSelfHost.Chat.Teams.Connector;

/// <summary>
/// The Bot Connector v3 calls the bot makes, relative to an activity's serviceUrl. Refit escapes the
/// path parameters (Teams conversation ids contain ':', ';' and '@'); the bearer token is added by
/// <see cref="ConnectorAuthHandler"/>.
/// </summary>
internal interface IConnectorApi
{
    [Post("/v3/conversations/{conversationId}/activities")]
    Task<ResourceResponse> SendToConversationAsync(string conversationId, [Body] TeamsActivity activity, CancellationToken cancellationToken);

    [Post("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string activityId, [Body] TeamsActivity activity, CancellationToken cancellationToken);

    [Put("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, [Body] TeamsActivity activity, CancellationToken cancellationToken);

    [Post("/v3/conversations")]
    Task<ConversationResourceResponse> CreateConversationAsync([Body] ConversationParameters parameters, CancellationToken cancellationToken);
}
