using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.Model;

/// <summary>Renders objects as one manager sees them: references to objects it does not know are hidden.</summary>
internal sealed class RenderContext(SimManager manager, ObjectStore store, string baseUri, DateTimeOffset now)
{
    public SimManager Manager => manager;
    public ObjectStore Store => store;
    public DateTimeOffset Now => now;
    public string BaseUri => baseUri;

    public JsonObject SimpleId(ModelObject o) => new()
    {
        ["type"] = ObjectTypes.Qualified(o.TypeName),
        ["value"] = o.Id,
        ["uri"] = $"{baseUri}/{o.TypeName}/{o.Id}",
        ["name"] = o.Name,
    };

    public JsonObject? Ref(ModelObject? o) => o is not null && manager.Knows(o) ? SimpleId(o) : null;

    public JsonArray Refs(IEnumerable<ModelObject> objects) =>
        new(objects.Where(manager.Knows).Select(o => (JsonNode?)SimpleId(o)).ToArray());

    public IEnumerable<T> All<T>() where T : ModelObject => store.All<T>();
}
