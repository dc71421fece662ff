using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;
using OvmSelfHost.Simulator.World;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>Everything an operation needs: the world, the calling manager, the call, and lookups that raise WS-API errors.</summary>
internal sealed class WsContext(SimulationWorld world, SimManager manager, WsCall call, RenderContext render)
{
    public SimulationWorld World => world;
    public SimManager Manager => manager;
    public WsCall Call => call;
    public RenderContext Render => render;
    public ObjectStore Store => world.Store;

    public JsonObject Body => call.Body as JsonObject
        ?? throw new WsException("GEN_000001", $"A JSON object body is required for {call.Method} {call.Path}");

    /// <summary>The object <paramref name="id"/> of type <typeparamref name="T"/> as this manager knows it, or GEN_000002.</summary>
    public T Find<T>(string? id, string? what = null) where T : ModelObject
    {
        var type = typeof(T).Name;
        if (string.IsNullOrEmpty(id))
        {
            throw new WsException("GEN_000001", $"{what ?? type + " id"} must be supplied");
        }
        return world.Store.Find(id) is T t && manager.Knows(t) ? t : throw WsException.NotFound(type, id);
    }

    public T? FindOptional<T>(string? id) where T : ModelObject => string.IsNullOrEmpty(id) ? null : Find<T>(id);

    /// <summary>Refuses the call with GEN_000029 if any object is locked, else creates the job (201).</summary>
    public WsReply Submit(string name, JobKind kind, IReadOnlyList<ModelObject> locks, Func<JobOutcome> work) =>
        Submit(name, kind, locks, work, []);

    /// <summary>As <see cref="Submit(string, JobKind, IReadOnlyList{ModelObject}, Func{JobOutcome})"/>, with one child job per name.</summary>
    public WsReply Submit(string name, JobKind kind, IReadOnlyList<ModelObject> locks, Func<JobOutcome> work, IReadOnlyList<string> children)
    {
        var locked = locks.FirstOrDefault(o => o.IsLocked);
        if (locked is not null)
        {
            throw WsException.Locked(locked.TypeName, locked.Name);
        }
        var job = world.Submit(manager, name, kind, locks, work, call.FaultCall(manager.Name));
        foreach (var child in children)
        {
            world.AddChild(job, child);
        }
        return new WsReply(InferredChoices.JobCreatedStatus, job.Render(render));
    }

    /// <summary>A create with an id supplied is refused (GEN_000004).</summary>
    public JsonObject CreateBody()
    {
        var body = Body;
        if (body["id"] is not null && JsonBody.IdValue(body["id"]) is not null)
        {
            throw new WsException("GEN_000004", "An id was supplied for object creation");
        }
        return body;
    }

    public string RequiredName(JsonObject body) =>
        body.Str("name") is { Length: > 0 } name ? name : throw new WsException("GEN_000001", "name must be supplied");

    public static JobFailedException Rule(string code, string text) => new(code, text);
}
