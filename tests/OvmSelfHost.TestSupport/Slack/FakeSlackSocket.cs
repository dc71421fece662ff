using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OvmSelfHost.TestIdentityProvider.Slack;

/// <summary>
/// Slack's Socket Mode side, as documented: apps.connections.open (app-level token in the header
/// only) hands out a one-use WebSocket URL; each connection starts with <c>hello</c>; envelopes
/// (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) wait for an ack carrying their
/// envelope_id; <c>disconnect</c> with reason refresh_requested asks the app to connect again.
/// </summary>
public sealed class FakeSlackSocket
{
    public const string AppToken = "xapp-1-fake-app-level-token";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> acks = new();
    private readonly ConcurrentDictionary<string, bool> tickets = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private WebSocket? current;
    private int connections;
    private int nextEnvelope;

    public int Connections => Volatile.Read(ref connections);

    public string? OpenConnection(string baseUrl, string authorization)
    {
        if (authorization != "Bearer " + AppToken)
        {
            return null;
        }

        var ticket = Guid.NewGuid().ToString("N");
        tickets[ticket] = true;
        return $"{baseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/socket?ticket={ticket}";
    }

    public async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || !tickets.TryRemove(http.Request.Query["ticket"].ToString(), out _))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        current = socket;
        Interlocked.Increment(ref connections);
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)) is JsonObject ack
                    && ack["envelope_id"]?.GetValue<string>() is { } id && acks.TryGetValue(id, out var waiting))
                {
                    waiting.TrySetResult(ack);
                }
            }
        }
        catch (WebSocketException)
        {
            // Dropped by a test (DropAsync) or by the bot: the bot connects again.
        }
    }

    /// <summary>Sends an envelope on the current connection and returns its ack; the same id again is Slack's redelivery.</summary>
    public async Task<JsonObject> EnvelopeAsync(string type, JsonObject payload, string? envelopeId = null, int retryAttempt = 0)
    {
        envelopeId ??= $"env-{Interlocked.Increment(ref nextEnvelope)}";
        var waiting = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        acks[envelopeId] = waiting;
        var socket = await WaitForConnectionAsync();
        await SendAsync(socket, new JsonObject
        {
            ["type"] = type, ["envelope_id"] = envelopeId, ["payload"] = payload.DeepClone(),
            ["accepts_response_payload"] = type == "slash_commands", ["retry_attempt"] = retryAttempt, ["retry_reason"] = retryAttempt > 0 ? "timeout" : "",
        });
        return await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Slack's routine refresh: the app is asked to open a new connection.</summary>
    public async Task RefreshAsync()
    {
        var before = Connections;
        await SendAsync(await WaitForConnectionAsync(), new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "fake" } });
        await WaitForConnectionsAsync(before + 1);
    }

    /// <summary>The connection breaks without a word.</summary>
    public async Task DropAsync()
    {
        var before = Connections;
        (await WaitForConnectionAsync()).Abort();
        await WaitForConnectionsAsync(before + 1);
    }

    public async Task WaitForConnectionsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Connections < count || current is not { State: WebSocketState.Open })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The bot made {Connections} Socket Mode connections, not {count}.");
            }

            await Task.Delay(25);
        }
    }

    private async Task<WebSocket> WaitForConnectionAsync()
    {
        await WaitForConnectionsAsync(Math.Max(1, Connections));
        return current!;
    }

    private async Task SendAsync(WebSocket socket, JsonObject frame)
    {
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }
}
