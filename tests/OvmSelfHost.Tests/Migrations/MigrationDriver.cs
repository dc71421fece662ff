using System.Net;
using System.Text.Json;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>Starts a migration through the HTTP API and approves every gate as the policy asks, like two operators would.</summary>
internal static class MigrationDriver
{
    public static async Task<Guid> StartAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Approves until the run ends or stops; returns its last view.</summary>
    public static async Task<JsonElement> ApproveUntilEndAsync(HttpClient client, Guid id, int seconds = 120, Func<JsonElement, Task>? onPhaseTwo = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var sawPhaseTwo = false;
        while (DateTime.UtcNow < deadline)
        {
            var run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement"
                or "Completed" or "Failed" or "Rejected", seconds);
            if (!sawPhaseTwo && run.GetProperty("phase").GetInt32() == 2 && onPhaseTwo is not null)
            {
                sawPhaseTwo = true;
                await onPhaseTwo(run);
            }

            if (run.GetProperty("state").GetString() is "Completed" or "Failed" or "Rejected")
            {
                return run;
            }

            var gate = run.GetProperty("pendingGate").GetString();
            var required = Step(run).GetProperty("approval").GetProperty("required").GetInt32();
            foreach (var user in new[] { "bob", "carol" }.Take(required))
            {
                var vote = await client.PostJsonAsync($"/api/migrations/{id}/decisions", new { user, decision = "approve", gate, round = run.GetProperty("gateRound").GetInt32() });
                Assert.True(vote.IsSuccessStatusCode, $"{user} on {gate}: {await vote.Content.ReadAsStringAsync()}");
            }
        }

        throw new TimeoutException($"Migration {id} did not end within {seconds} s.");
    }

    public static JsonElement Step(JsonElement run) =>
        run.GetProperty("steps").EnumerateArray().Single(s =>
            s.GetProperty("name").GetString() == run.GetProperty("currentStep").GetString()
            && s.GetProperty("phase").GetInt32() == run.GetProperty("phase").GetInt32());
}
