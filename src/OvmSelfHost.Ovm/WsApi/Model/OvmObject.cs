using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvmSelfHost.Ovm.WsApi.Model;

/// <summary>
/// The BaseObject fields every WS-API object carries. Fields this client does not model are kept in
/// <see cref="Unmodelled"/>, so a read-modify-write (<c>PUT /X/{id}</c>) sends the full object back.
/// </summary>
internal abstract record OvmObject
{
    public SimpleId? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool Locked { get; init; }

    public bool ReadOnly { get; init; }

    public long Generation { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unmodelled { get; init; }

    [JsonIgnore]
    public string IdValue => Id?.Value ?? "";
}
