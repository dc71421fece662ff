using System.Text.Json;
using System.Text.Json.Nodes;
using OvmSelfHost.Simulator.Faults;

namespace OvmSelfHost.Simulator.WsApi;

/// <summary>One WS-API request: method, path segments after <c>/rest</c>, query, parsed body, and its operation name.</summary>
internal sealed record WsCall(string Method, IReadOnlyList<string> Segments, IReadOnlyDictionary<string, string> Query, JsonNode? Body, string RawBody)
{
    public string Path => "/" + string.Join('/', Segments);

    public string Operation => (Method, Segments.Count) switch
    {
        ("POST", 1) => $"{Segments[0]}.create",
        ("POST", 2) => $"{Segments[0]}.{Segments[1]}",
        ("POST", 3) => $"{Segments[2]}.create",
        ("PUT", 2) => $"{Segments[0]}.modify",
        ("PUT", 3) => $"{Segments[0]}.{Segments[2]}",
        ("DELETE", 2) => $"{Segments[0]}.delete",
        ("DELETE", 4) => $"{Segments[2]}.delete",
        ("GET", _) when Segments.Count > 0 => $"{Segments[0]}.get",
        _ => "unknown",
    };

    public bool IsModifying => Method is "POST" or "PUT" or "DELETE";

    public FaultCall FaultCall(string manager) => new(manager, Method, Path, Operation);

    public string? Q(string name) => Query.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>Parses the body as JSON; the discover call also takes a bare (unquoted) password.</summary>
    public static JsonNode? ParseBody(string raw, bool allowBareString)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e) when (allowBareString)
        {
            _ = e;
            return JsonValue.Create(raw.Trim());
        }
        catch (JsonException e)
        {
            throw new WsException("GEN_000023", $"Malformed JSON request body: {e.Message}");
        }
    }
}
