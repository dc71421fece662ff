using Refit;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>
/// The Web API with Slack's envelope turned into values or a <see cref="SlackApiException"/>. Posting
/// and editing channel messages is not here: only the outbox relay does that (Outbox/SlackOutboxApi).
/// </summary>
public sealed class SlackWebApiClient
{
    private readonly ISlackWebApi api;

    internal SlackWebApiClient(ISlackWebApi api) => this.api = api;

    public Task<SlackResponse> PostEphemeralAsync(SlackEphemeralMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", () => api.PostEphemeralAsync(message, cancellationToken));

    public async Task<SlackUser> UserInfoAsync(string userId, CancellationToken cancellationToken) =>
        (await CallAsync("users.info", () => api.UserInfoAsync(userId, cancellationToken))).User
        ?? throw new SlackApiException("users.info", "user_missing_from_answer");

    internal static async Task<T> CallAsync<T>(string method, Func<Task<T>> call) where T : SlackResponse
    {
        T response;
        try
        {
            response = await call();
        }
        catch (ApiException http)
        {
            throw new SlackApiException(method, $"http_{(int)http.StatusCode}") { RetryAfter = http.Headers.RetryAfter?.Delta };
        }

        return response.Ok ? response : throw new SlackApiException(method, response.Error ?? "unknown_error");
    }
}
