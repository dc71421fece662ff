using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OvmSelfHost.Chat.Slack.SocketMode;

/// <summary>
/// Slack over Socket Mode: the bot connects out (apps.connections.open with the app-level token,
/// then a WebSocket to the URL it returns), so a site without public ingress can use Slack. Every
/// envelope is acknowledged with its envelope_id after its delivery claim is stored and its work
/// queued; a <c>disconnect</c> envelope or a dropped socket opens a fresh connection. Neither the
/// token nor the connection URL (it carries a ticket) is ever logged.
/// </summary>
internal sealed partial class SlackSocketModeClient(
    IOptions<SlackOptions> options, IHttpClientFactory httpClients, IServiceScopeFactory scopes,
    TimeProvider time, ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    public const string HttpClientName = "slack-socket-mode";

    private const int MaxFrameBytes = 1024 * 1024;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await OpenAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken);
                LogConnected(logger);
                backoff = TimeSpan.FromSeconds(1);
                var reason = await ReceiveAsync(socket, stoppingToken);
                LogReconnecting(logger, reason);
                await CloseQuietlyAsync(socket);
                continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or SlackSocketModeException or JsonException or IOException)
            {
                // A dropped socket or an unreachable Slack: reconnect with a growing pause, never give up.
                LogDropped(logger, e.GetType().Name, e.Message, backoff.TotalSeconds);
            }

            await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary><c>apps.connections.open</c>: the token goes in the header only (as a parameter Slack refuses it).</summary>
    private async Task<Uri> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.ApiBaseUrl.TrimEnd('/') + "/apps.connections.open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AppToken);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!answer.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            var error = answer.TryGetProperty("error", out var e) ? e.GetString() : "no error given";
            throw new SlackSocketModeException($"apps.connections.open refused: {error} (check Slack:AppToken, an xapp- token with connections:write).");
        }

        return answer.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "wss" or "ws"
            ? uri
            : throw new SlackSocketModeException("apps.connections.open answered without a WebSocket URL.");
    }

    /// <returns>Why the connection ended (Slack's disconnect reason, or that the socket closed).</returns>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "the socket was closed";
            }

            frame.Write(buffer, 0, result.Count);
            if (frame.Length > MaxFrameBytes)
            {
                return "a frame was larger than 1 MB";
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            var text = frame.ToArray();
            frame.SetLength(0);
            if (await HandleFrameAsync(socket, text, cancellationToken) is { } reason)
            {
                return reason;
            }
        }

        return "the socket was closed";
    }

    /// <returns>The disconnect reason when Slack asked to reconnect; otherwise null.</returns>
    private async Task<string?> HandleFrameAsync(ClientWebSocket socket, byte[] text, CancellationToken cancellationToken)
    {
        JsonElement envelope;
        try
        {
            using var document = JsonDocument.Parse(text);
            envelope = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            LogUnreadable(logger);
            return null;
        }

        var type = envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "disconnect")
        {
            return envelope.TryGetProperty("reason", out var reason) ? $"disconnect ({reason.GetString()})" : "disconnect";
        }

        await using var scope = scopes.CreateAsyncScope();
        var ack = await scope.ServiceProvider.GetRequiredService<SlackEnvelopeDispatcher>().DispatchAsync(envelope, cancellationToken);
        if (ack is not null)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }

        return null;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone: the next connection does not depend on a clean close of this one.
        }
    }

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "Slack Socket Mode connected.")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Slack Socket Mode reconnecting: {Reason}.")]
    private static partial void LogReconnecting(ILogger logger, string reason);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost ({Kind}: {Message}); reconnecting in {Seconds} s.")]
    private static partial void LogDropped(ILogger logger, string kind, string message, double seconds);

    [LoggerMessage(EventId = 4213, Level = LogLevel.Warning, Message = "Slack Socket Mode sent a frame that is not JSON; ignored.")]
    private static partial void LogUnreadable(ILogger logger);
}
