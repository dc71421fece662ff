using System.Text.Json;
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

    public static JsonElement Check(JsonElement body, string name) =>
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
