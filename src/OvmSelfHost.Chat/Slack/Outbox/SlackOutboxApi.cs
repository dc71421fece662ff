using OvmSelfHost.Chat.Slack.WebApi;

namespace OvmSelfHost.Chat.Slack.Outbox;

/// <summary>
/// Posting and editing channel messages (chat.postMessage, chat.update), and reading back what was
/// posted (conversations.history, conversations.replies), for the outbox relay's Slack target only:
/// everything else that wants something in Slack writes an outbox row, so an outage delays it
/// instead of dropping it.
/// </summary>
public sealed class SlackOutboxApi
{
    private readonly ISlackWebApi api;

    internal SlackOutboxApi(ISlackWebApi api) => this.api = api;

    public Task<SlackPostResponse> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        SlackWebApiClient.CallAsync("chat.postMessage", () => api.PostMessageAsync(message with { Ts = null }, cancellationToken));

    /// <summary>chat.update takes no <c>thread_ts</c> (a message keeps its thread), so it is never sent.</summary>
    public Task<SlackPostResponse> UpdateAsync(SlackMessage message, CancellationToken cancellationToken) =>
        SlackWebApiClient.CallAsync("chat.update", () => api.UpdateAsync(message with { ThreadTs = null, Metadata = null }, cancellationToken));

    /// <summary>The channel's latest top-level messages, newest first (one page: what a delivery cut short just posted is recent).</summary>
    public async Task<IReadOnlyList<SlackPostedMessage>> RecentAsync(string channel, CancellationToken cancellationToken) =>
        (await SlackWebApiClient.CallAsync("conversations.history", () => api.HistoryAsync(channel, 200, "true", null, cancellationToken))).Messages;

    /// <summary>Every message of the thread under <paramref name="ts"/>, the parent first, across pages.</summary>
    public async Task<IReadOnlyList<SlackPostedMessage>> ThreadAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var all = new List<SlackPostedMessage>();
        string? cursor = null;
        do
        {
            var page = await SlackWebApiClient.CallAsync("conversations.replies", () => api.RepliesAsync(channel, ts, 200, "true", cursor, cancellationToken));
            all.AddRange(page.Messages);
            cursor = page.HasMore ? page.ResponseMetadata?.NextCursor : null;
        }
        while (!string.IsNullOrEmpty(cursor));

        return all;
    }
}
