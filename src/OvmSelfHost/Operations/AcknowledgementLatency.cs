using System.Diagnostics;

namespace OvmSelfHost.Operations;

/// <summary>Measures, for chat deliveries, how long the host took to acknowledge (its answer's first byte), by channel.</summary>
internal sealed class AcknowledgementLatency(RequestDelegate next, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Channel(context.Request) is not { } channel)
        {
            await next(context);
            return;
        }

        var arrived = time.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            HostTelemetry.AcknowledgementLatency.Record(time.GetElapsedTime(arrived).TotalSeconds, new TagList
            {
                { "ovm.chat.channel", channel },
                { "http.response.status_code", context.Response.StatusCode },
            });
            return Task.CompletedTask;
        });
        await next(context);
    }

    private static string? Channel(HttpRequest request) =>
        !HttpMethods.IsPost(request.Method) ? null
        : request.Path.StartsWithSegments("/slack") ? "slack"
        : request.Path.StartsWithSegments("/api/messages") ? "teams"
        : request.Path.StartsWithSegments("/api/proposals") || request.Path.StartsWithSegments("/api/migrations") ? "console"
        : null;
}
