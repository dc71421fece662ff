using OvmSelfHost.Chat.Teams.Activities;
using OvmSelfHost.Chat.Teams.Connector;

namespace OvmSelfHost.Chat.Teams.Outbox;

/// <summary>
/// The Connector's proactive calls (send, update, create a conversation), for the outbox relay's
/// Teams target only: everything else that wants something in Teams writes an outbox row, so an
/// outage delays it instead of dropping it. Replies to an activity stay on <see cref="ConnectorClient"/>.
/// </summary>
public sealed class TeamsOutboxConnector(ConnectorClient connector)
{
    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, TeamsActivity activity, CancellationToken cancellationToken) =>
        connector.CallAsync("send", serviceUrl, api => api.SendToConversationAsync(conversationId, activity, cancellationToken));

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, TeamsActivity activity, CancellationToken cancellationToken) =>
        connector.CallAsync("update", serviceUrl, api => api.UpdateActivityAsync(conversationId, activityId, activity with { Id = activityId }, cancellationToken));

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        connector.CallAsync("create conversation", serviceUrl, api => api.CreateConversationAsync(parameters, cancellationToken));
}
