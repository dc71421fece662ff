using System.Text.Json.Nodes;

namespace OvmSelfHost.Tests.Teams;

/// <summary>Driving gates as approvers in Teams do: refresh the card (their view), click Approve.</summary>
internal static class TeamsGates
{
    /// <summary>Waits for the migration card to show an open gate for <paramref name="gate"/> (any gate when null); returns the approver's card.</summary>
    public static async Task<JsonObject> WaitForOpenGateAsync(this TeamsTestHost host, Guid id, string? gate = null, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var card = (await host.InvokeAsync(TeamsTestHost.Bob, "run.refresh", TeamsCards.Data("migration", id.ToString("N")))).CardOf();
            if (card.Proposal() is { } key && (gate is null || key.Contains($".{gate}.", StringComparison.Ordinal)))
            {
                return card;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No open gate {gate} on the card of {id}.");
    }

    public static async Task<Guid> StartAsync(this TeamsTestHost host, string text = "start A B now")
    {
        var reply = await host.AskAsync(TeamsTestHost.Alice, text);
        Assert.Contains("requested", reply);
        return (await host.MigrationsAsync()).Single().GetProperty("id").GetGuid();
    }

    /// <summary>Approves every gate through card invokes until the migration ends; returns how many gates were decided.</summary>
    public static async Task<int> ApproveEveryGateAsync(this TeamsTestHost host, Guid id, int secondsPerStep = 60)
    {
        var decided = 0;
        var deadline = DateTime.UtcNow.AddSeconds(secondsPerStep);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await host.MigrationsAsync()).Single(r => r.GetProperty("id").GetGuid() == id);
            var state = run.GetProperty("state").GetString();
            if (state is "Completed" or "Failed" or "Aborted" or "RolledBack" or "Rejected")
            {
                return decided;
            }

            var card = (await host.InvokeAsync(TeamsTestHost.Bob, "run.refresh", TeamsCards.Data("migration", id.ToString("N")))).CardOf();
            if (card.Proposal() is not { } key)
            {
                await Task.Delay(50);
                continue;
            }

            foreach (var approver in new[] { TeamsTestHost.Bob, TeamsTestHost.Carol })
            {
                var answer = (await host.InvokeAsync(approver, "gate.approve", TeamsCards.Data("proposal", key))).CardOf();
                var notice = answer.ToJsonString();
                Assert.Contains("approved", notice);
                if (!notice.Contains("(1 of 2)", StringComparison.Ordinal))
                {
                    break;
                }
            }

            decided++;
            deadline = DateTime.UtcNow.AddSeconds(secondsPerStep);
        }

        throw new TimeoutException($"Migration {id} did not end; {decided} gates decided.");
    }
}
