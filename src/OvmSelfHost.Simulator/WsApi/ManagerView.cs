using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>The Manager object (reference 6.1); not stored with the hardware since two managers may share a UUID.</summary>
internal static class ManagerView
{
    public static JsonObject SimpleId(WsContext c) => new()
    {
        ["type"] = ObjectTypes.Qualified("Manager"),
        ["value"] = c.Manager.Uuid,
        ["uri"] = $"{c.Render.BaseUri}/Manager/{c.Manager.Uuid}",
        ["name"] = "OVM Manager",
    };

    public static JsonObject Render(WsContext c) => new()
    {
        ["id"] = SimpleId(c),
        ["name"] = "OVM Manager",
        ["description"] = "",
        ["locked"] = false,
        ["readOnly"] = false,
        ["generation"] = 0,
        ["userData"] = new JsonArray(),
        ["resourceGroupIds"] = new JsonArray(),
        ["managerUuid"] = c.Manager.Uuid,
        ["managerVersion"] = c.Manager.Version,
        ["managerRunState"] = c.World.RunState(c.Manager),
        ["managerTime"] = c.World.Now.ToUnixTimeMilliseconds(),
    };
}
