using System.Text.Json;
using OvmSelfHost.Tests.Support;
using OvmSelfHost.Tests.Migrations;

namespace OvmSelfHost.Tests.Operations;

internal static class OperationsHosts
{
    public static Dictionary<string, string> Simulator(SimulatorWorld world, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ovm:Adapter"] = "Simulator",
            ["Simulator:Enabled"] = "false",
            ["Ovm:SimulatorControlUrl"] = world.ControlUrl.ToString(),
            ["Runbook:ManagerStopTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Waits until the host's start-up vote rehearsal is over (its warm-up check passes), as a load balancer waits.</summary>
    public static async Task WarmedUpAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Check(await (await client.GetAsync("/readyz/serving")).ReadAsync(), "warm-up").GetProperty("status").GetString() != "healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, "The host did not finish its start-up vote rehearsal within 30 s.");
            await Task.Delay(50);
        }
    }

    public static JsonElement Check(JsonElement body, string name) =>
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
