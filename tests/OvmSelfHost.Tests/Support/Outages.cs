using System.Text.Json;

namespace OvmSelfHost.Tests.Support;

/// <summary>What the chat outage tests share: quick retries, and waiting on the stored run (not on chat).</summary>
internal static class Outages
{
    /// <summary>The relay retries every few hundred milliseconds, so a test waits seconds, not minutes, after an outage.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuickRetries = new Dictionary<string, string>
    {
        ["Outbox:FirstRetry"] = "00:00:00.200",
        ["Outbox:MaxRetry"] = "00:00:01",
        ["Outbox:PollInterval"] = "00:00:01",
    };

    /// <summary>How long a chat service stays down after the gate opened.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(3);

    /// <summary>Waits until the stored run waits at <paramref name="gate"/>, as the HTTP API (the database) tells.</summary>
    public static async Task<JsonElement> WaitForPendingGateAsync(Func<Task<JsonElement[]>> migrations, string gate, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await migrations()).Single();
            if (run.GetProperty("state").GetString() == "AwaitingApproval" && run.GetProperty("pendingGate").GetString() == gate)
            {
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The run never waited at {gate}.");
    }
}
