using Refit;

namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The Web API with Slack's envelope turned into values or a <see cref="SlackApiException"/>.</summary>
public sealed class SlackWebApiClient
{
    private readonly ISlackWebApi api;

    internal SlackWebApiClient(ISlackWebApi api) => this.api = api;

    public Task<SlackPostResponse> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postMessage", () => api.PostMessageAsync(message with { Ts = null }, cancellationToken));

    public Task<SlackPostResponse> UpdateAsync(SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.update", () => api.UpdateAsync(message, cancellationToken));

    public Task<SlackResponse> PostEphemeralAsync(SlackEphemeralMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", () => api.PostEphemeralAsync(message, cancellationToken));

    public async Task<SlackUser> UserInfoAsync(string userId, CancellationToken cancellationToken) =>
        (await CallAsync("users.info", () => api.UserInfoAsync(userId, cancellationToken))).User
        ?? throw new SlackApiException("users.info", "user_missing_from_answer");

    private static async Task<T> CallAsync<T>(string method, Func<Task<T>> call) where T : SlackResponse
    {
        T response;
        try
        {
            response = await call();
        }
        catch (ApiException http)
        {
            throw new SlackApiException(method, $"http_{(int)http.StatusCode}");
        }

        return response.Ok ? response : throw new SlackApiException(method, response.Error ?? "unknown_error");
    }
}
