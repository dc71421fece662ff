namespace OvmSelfHost.Ovm.WsApi.Model;

/// <summary>A reference to an object: <c>{type, value, uri, name}</c>; as a request body only <c>value</c> matters.</summary>
internal sealed record SimpleId
{
    public string? Type { get; init; }

    public required string Value { get; init; }

    public string? Uri { get; init; }

    public string? Name { get; init; }

    public static SimpleId Of(string typeName, string value) => new() { Type = $"com.oracle.ovm.mgr.ws.model.{typeName}", Value = value };
}
