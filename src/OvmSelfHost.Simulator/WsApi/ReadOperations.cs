using System.Globalization;
using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Inferred;
using OvmSelfHost.Simulator.Jobs;
using OvmSelfHost.Simulator.Model;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>The GET side of the URI mapping (reference 2): lists, SimpleId lists, single objects, children.</summary>
internal static class ReadOperations
{
    private static readonly string[] OsTypes =
    [
        "Oracle Linux 7", "Oracle Linux 6", "Oracle Linux 5", "Oracle Linux 4", "Oracle Solaris 11", "Oracle Solaris 10",
        "Other Oracle Solaris", "Red Hat Enterprise Linux 7", "Red Hat Enterprise Linux 6", "Red Hat Enterprise Linux 5",
        "Red Hat Enterprise Linux 4", "Other Linux", "Microsoft Windows 10", "Microsoft Windows Server 2016", "Other Microsoft Windows",
    ];

    public static WsReply Get(WsContext c)
    {
        var s = c.Call.Segments;
        if (s.Count == 0) throw new WsException("GEN_000003", "GET on the base URI provides no information");
        if (s[0] == "Manager") return Ok(Manager(c, s));
        return (s.Count, s.Count > 1 ? s[1] : null) switch
        {
            (1, _) => Ok(new JsonArray(Objects(c, s[0]).Select(o => (JsonNode?)o.Render(c.Render)).ToArray())),
            (2, "id") => Ok(Ids(c, s[0])),
            (2, "active") when s[0] == "Job" => Ok(ActiveJobs(c)),
            (2, "SupportedOsTypes") when s[0] == "Vm" => Ok(new JsonObject { ["strings"] = new JsonArray(OsTypes.Select(t => (JsonNode?)t).ToArray()) }),
            (2, _) => Ok(One(c, s[0], s[1]).Render(c.Render)),
            (3, _) => Ok(new JsonArray(Children(c, One(c, s[0], s[1]), s[2]).Select(o => (JsonNode?)o.Render(c.Render)).ToArray())),
            _ => throw new WsException("GEN_000003", $"No REST handler for GET {c.Call.Path}"),
        };
    }

    private static WsReply Ok(JsonNode body) => new(200, body);

    private static JsonNode Manager(WsContext c, IReadOnlyList<string> s) => s.Count switch
    {
        1 => new JsonArray(ManagerView.Render(c)),
        2 when s[1] == "id" => new JsonArray(ManagerView.SimpleId(c)),
        2 when s[1] == c.Manager.Uuid => ManagerView.Render(c),
        2 => throw WsException.NotFound("Manager", s[1]),
        _ => throw new WsException("GEN_000003", $"No REST handler for GET {c.Call.Path}"),
    };

    public static IEnumerable<ModelObject> Objects(WsContext c, string type)
    {
        if (!ObjectTypes.Listable.Contains(type)) throw new WsException("GEN_000003", $"No REST handler for object type {type}");
        return c.Store.OfTypeName(type).Where(c.Manager.Knows);
    }

    private static JsonArray Ids(WsContext c, string type)
    {
        var objects = Objects(c, type);
        if (type == "Job") objects = FilterJobs(c, objects.Cast<Job>());
        return new JsonArray(objects.Select(o => (JsonNode?)c.Render.SimpleId(o)).ToArray());
    }

    private static IEnumerable<ModelObject> FilterJobs(WsContext c, IEnumerable<Job> jobs)
    {
        var from = Millis(c.Call.Q("startTime"));
        var to = Millis(c.Call.Q("endTime"));
        var max = c.Call.Q("maxJobs") is { } m && int.TryParse(m, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
        return jobs.Where(j => (from is null || j.CreatedAt.ToUnixTimeMilliseconds() >= from) && (to is null || j.CreatedAt.ToUnixTimeMilliseconds() <= to))
            .OrderByDescending(j => j.CreatedAt).Take(max);
    }

    private static long? Millis(string? value) =>
        value is null ? null
        : long.TryParse(value, CultureInfo.InvariantCulture, out var ms) ? ms
        : throw new WsException("GEN_000010", $"Invalid query parameter value '{value}' (epoch milliseconds expected)");

    private static JsonArray ActiveJobs(WsContext c)
    {
        var active = Objects(c, "Job").Cast<Job>().Where(j => !j.SummaryDone);
        return InferredChoices.ActiveJobsAsObjects
            ? new JsonArray(active.Select(j => (JsonNode?)j.Render(c.Render)).ToArray())
            : new JsonArray(active.Select(j => (JsonNode?)c.Render.SimpleId(j)).ToArray());
    }

    public static ModelObject One(WsContext c, string type, string id)
    {
        _ = Objects(c, type);
        return c.Store.Find(id) is { } o && o.TypeName == type && c.Manager.Knows(o) ? o : throw WsException.NotFound(type, id);
    }

    private static IEnumerable<ModelObject> Children(WsContext c, ModelObject parent, string child) =>
        ChildRelations.Of(c.Store, parent, child)?.Where(c.Manager.Knows)
        ?? throw new WsException("GEN_000003", $"No REST handler for GET {c.Call.Path}");
}
