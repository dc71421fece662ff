namespace OvmSelfHost.Chat.Slack.WebApi;

/// <summary>The Web API said <c>ok:false</c> (or answered with an HTTP error): <see cref="Error"/> is Slack's code.</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}.")
{
    public string Method { get; } = method;

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>, <c>ratelimited</c>, <c>invalid_auth</c>; <c>http_NNN</c> for an HTTP failure.</summary>
    public string Error { get; } = error;

    /// <summary>How long Slack asked the bot to wait (HTTP Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
