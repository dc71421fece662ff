using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>
/// Posting and editing channel messages (chat.postMessage, chat.update), for the outbox relay's
/// Slack target only: everything else that wants something in Slack writes an outbox row, so an
/// outage delays it instead of dropping it.
/// </summary>
public sealed class SlackOutboxApi
{
    private readonly ISlackWebApi api;

    internal SlackOutboxApi(ISlackWebApi api) => this.api = api;

    public Task<SlackPostResponse> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        SlackWebApiClient.CallAsync("chat.postMessage", () => api.PostMessageAsync(message with { Ts = null }, cancellationToken));

    /// <summary>chat.update takes no <c>thread_ts</c> (a message keeps its thread), so it is never sent.</summary>
    public Task<SlackPostResponse> UpdateAsync(SlackMessage message, CancellationToken cancellationToken) =>
        SlackWebApiClient.CallAsync("chat.update", () => api.UpdateAsync(message with { ThreadTs = null }, cancellationToken));
}
