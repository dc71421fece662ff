using System.Net.Http.Json;
using System.Text.Json;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Migrations;

/// <summary>
/// What the HA drill and fault tests share: the host's settings against a simulator of their own, approving up to a
/// chosen gate, and where the simulator runs a VM. The tests live in several classes so that xunit runs them in parallel.
/// </summary>
internal static class DrillDriver
{
    public static Dictionary<string, string> Settings(SimulatorWorld world, string watch = "00:00:00.200") => new()
    {
        ["Ovm:Adapter"] = "Simulator",
        ["Simulator:Enabled"] = "false",
        ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
        ["Runbook:ManagerStopTimeout"] = "00:00:30",
        ["Runbook:DrillProbeInterval"] = "00:00:00.020",
        ["Runbook:HaRestartTimeout"] = "00:01:00",
        ["Runbook:OldManagerWatchInterval"] = watch,
    };

    public static string? Gate(JsonElement run) =>
        run.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement" ? run.GetProperty("pendingGate").GetString() : null;

    public static bool AtGate(JsonElement run, string gate, int phase) => Gate(run) == gate && run.GetProperty("phase").GetInt32() == phase;

    /// <summary>Approves gates until <paramref name="stop"/> holds (without voting on that one), or the run ends.</summary>
    public static async Task<JsonElement> ApproveUntilAsync(HttpClient client, Guid id, Func<JsonElement, bool> stop)
    {
        for (var i = 0; i < 60; i++)
        {
            var run = await client.WaitForAsync(id, r => r.GetProperty("state").GetString() is "AwaitingApproval" or "AwaitingAcknowledgement"
                or "Completed" or "Failed" or "Rejected", 120);
            if (stop(run) || run.GetProperty("state").GetString() is "Completed" or "Failed" or "Rejected")
            {
                Assert.True(stop(run), $"the run ended before the expected gate: {run.GetProperty("statusMessage").GetString()}");
                return run;
            }

            await ApproveOnceAsync(client, id);
        }

        throw new TimeoutException("the expected gate never opened");
    }

    public static async Task ApproveOnceAsync(HttpClient client, Guid id)
    {
        var run = await client.WaitForAsync(id, r => Gate(r) is not null, 60);
        var required = MigrationDriver.Step(run).GetProperty("approval").GetProperty("required").GetInt32();
        foreach (var user in new[] { "bob", "carol" }.Take(required))
        {
            var vote = await client.PostJsonAsync($"/api/migrations/{id}/decisions",
                new { user, decision = "approve", gate = run.GetProperty("pendingGate").GetString(), round = run.GetProperty("gateRound").GetInt32() });
            Assert.True(vote.IsSuccessStatusCode, await vote.Content.ReadAsStringAsync());
        }
    }

    public static async Task<string> HostingServerAsync(SimulatorWorld world, string manager, string vm) =>
        (await world.WsApiAsync(manager, "Vm")).EnumerateArray().Single(v => v.GetProperty("name").GetString() == vm)
            .GetProperty("serverId").GetProperty("name").GetString()!;

    public static async Task<string> OtherServerAsync(SimulatorWorld world, string manager, string vm) =>
        await HostingServerAsync(world, manager, vm) == "ovs-a1" ? "ovs-a2" : "ovs-a1";

    /// <summary>Every step of both phases ran once and ended well, and the journal shows no step failing along the way.</summary>
    public static async Task AssertNoStepRepeatedAsync(HttpClient client, Guid id, JsonElement run)
    {
        Assert.True(run.GetProperty("state").GetString() == "Completed", run.GetProperty("statusMessage").GetString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "Succeeded", "Skipped" }));
        var audit = (await client.GetFromJsonAsync<JsonElement>($"/api/migrations/{id}/audit")).GetRawText();
        Assert.DoesNotContain("step-failed", audit);
        Assert.Contains("HA:", audit);
    }

    public static void AssertDanger(JsonElement run, string step, string oldHost)
    {
        Assert.Equal(step, run.GetProperty("currentStep").GetString());
        var message = run.GetProperty("statusMessage").GetString();
        Assert.Contains("two managers with one UUID", message);
        Assert.Contains($"ssh {oldHost} 'service ovmm stop'", message);
    }
}
