using System.Text.Json;
using OvmSelfHost.Running;

namespace OvmSelfHost.Web;

/// <summary>
/// Server-sent events for the console: <c>hello</c> on connect, then <c>changed</c> (a run was saved)
/// and <c>output</c> (a line of a long step), and a comment every 15 s so proxies and the browser
/// notice a dead connection. The browser's EventSource reconnects on its own.
/// </summary>
internal static class ConsoleEventStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task StreamAsync(HttpContext context, RunEvents events, IHostApplicationLifetime lifetime)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stopping.Token;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // Subscribed before hello: whoever waits for hello then acts misses none of the changes that follow.
        await using var watch = events.WatchAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = watch.MoveNextAsync().AsTask();
        await context.Response.WriteAsync("retry: 2000\nevent: hello\ndata: {}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var finished = await Task.WhenAny(next, Task.Delay(Heartbeat, cancellationToken));
                if (finished != next)
                {
                    await context.Response.WriteAsync(": still here\n\n", cancellationToken);
                }
                else if (await next)
                {
                    await context.Response.WriteAsync(Format(watch.Current), cancellationToken);
                    next = watch.MoveNextAsync().AsTask();
                }
                else
                {
                    return;
                }

                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser went away or the host stops.
        }

        await Task.WhenAny(next);
    }

    private static string Format(RunEvent item) =>
        $"event: {item.Kind}\ndata: {JsonSerializer.Serialize(new { migrationId = item.MigrationId, text = item.Text, state = item.State, phase = item.Phase, step = item.Step }, Json)}\n\n";
}
