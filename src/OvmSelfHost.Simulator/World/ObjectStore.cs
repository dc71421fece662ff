using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.World;

/// <summary>Every object of the world, on the hardware, whichever manager knows it.</summary>
internal sealed class ObjectStore
{
    private readonly Dictionary<string, ModelObject> byId = new(StringComparer.Ordinal);
    private readonly List<ModelObject> ordered = [];

    public T Add<T>(T o) where T : ModelObject
    {
        byId.Add(o.Id, o);
        ordered.Add(o);
        return o;
    }

    public void Remove(ModelObject o)
    {
        byId.Remove(o.Id);
        ordered.Remove(o);
    }

    public ModelObject? Find(string id) => byId.GetValueOrDefault(id);

    public IEnumerable<T> All<T>() where T : ModelObject => ordered.OfType<T>();

    public IEnumerable<ModelObject> OfTypeName(string typeName) => ordered.Where(o => o.TypeName == typeName);
}
