using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Jobs;

namespace OvmSelfHost.Simulator.Model;

/// <summary>
/// An Oracle VM object as it exists "on the hardware" (shared by every manager of the world).
/// What a given manager sees of it is decided by that manager's database (<see cref="RenderContext"/>).
/// </summary>
internal abstract class ModelObject
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public long Generation { get; set; }
    public JsonArray UserData { get; set; } = [];

    /// <summary>Objects every manager sees without discovering them (plugins).</summary>
    public bool IsGlobal { get; init; }

    /// <summary>The simulated environment whose hardware holds the object (null: created by a manager without one).</summary>
    public string? Environment { get; set; }

    public Job? LockingJob { get; set; }
    public bool FaultLocked { get; set; }
    public abstract string TypeName { get; }
    public bool IsLocked => FaultLocked || LockingJob is { Done: false };

    public JsonObject Render(RenderContext c)
    {
        var o = new JsonObject
        {
            ["id"] = c.SimpleId(this),
            ["name"] = Name,
            ["description"] = Description,
            ["locked"] = IsLocked,
            ["readOnly"] = false,
            ["generation"] = Generation,
            ["userData"] = UserData.DeepClone(),
            ["resourceGroupIds"] = new JsonArray(),
        };
        WriteFields(o, c);
        return o;
    }

    protected abstract void WriteFields(JsonObject o, RenderContext c);

    /// <summary>Applies a PUT-modify body; associations are never changed this way (reference 2).</summary>
    public virtual void Modify(JsonObject body)
    {
        Name = body.Str("name") ?? Name;
        Description = body.Str("description") ?? Description;
        if (body["userData"] is JsonArray data)
        {
            UserData = (JsonArray)data.DeepClone();
        }
    }
}
