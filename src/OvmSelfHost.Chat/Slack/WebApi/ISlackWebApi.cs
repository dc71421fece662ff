using Refit;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The Web API methods the bot uses (Refit; the bearer token and 429s are handled by the client's handlers).</summary>
internal interface ISlackWebApi
{
    [Post("/chat.postMessage")]
    Task<SlackPostResponse> PostMessageAsync([Body] SlackMessage message, CancellationToken cancellationToken);

    [Post("/chat.update")]
    Task<SlackPostResponse> UpdateAsync([Body] SlackMessage message, CancellationToken cancellationToken);

    [Post("/chat.postEphemeral")]
    Task<SlackResponse> PostEphemeralAsync([Body] SlackEphemeralMessage message, CancellationToken cancellationToken);

    [Get("/conversations.history")]
    Task<SlackMessagesResponse> HistoryAsync(
        string channel, int limit, [AliasAs("include_all_metadata")] string includeAllMetadata, string? cursor, CancellationToken cancellationToken);

    [Get("/conversations.replies")]
    Task<SlackMessagesResponse> RepliesAsync(
        string channel, string ts, int limit, [AliasAs("include_all_metadata")] string includeAllMetadata, string? cursor, CancellationToken cancellationToken);

    [Get("/users.info")]
    Task<SlackUserInfoResponse> UserInfoAsync([AliasAs("user")] string user, CancellationToken cancellationToken);
}
