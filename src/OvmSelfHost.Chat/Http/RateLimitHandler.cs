using System.Net;
using Microsoft.Extensions.Logging;

namespace OvmSelfHost.Chat.Http;

/// <summary>
/// Honours HTTP 429 from a chat peer (the Slack Web API, the Bot Connector): a 429 means the request
/// was not carried out, so sending it again is safe. Waits the <c>Retry-After</c> the peer asks for (1 s when absent, at most
/// <see cref="MaxWait"/>) and sends again, up to <see cref="MaxAttempts"/> times in all.
/// </summary>
internal sealed partial class RateLimitHandler(TimeProvider time, ILogger<RateLimitHandler> logger) : DelegatingHandler
{
    public const int MaxAttempts = 4;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
            {
                return response;
            }

            var wait = RetryAfter(response);
            LogRateLimited(logger, request.RequestUri?.Host ?? "", request.RequestUri?.AbsolutePath ?? "", wait.TotalSeconds, attempt);
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "{Peer} rate-limited {Path}; retrying in {Seconds} s (attempt {Attempt}).")]
    private static partial void LogRateLimited(ILogger logger, string peer, string path, double seconds, int attempt);
}
