namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record FileServer : OvmObject
{
    /// <summary>UNKNOWN, NETWORK, LOCAL.</summary>
    public string? FileServerType { get; init; }

    public string? AccessHost { get; init; }

    public SimpleId? FileServerPluginId { get; init; }

    public List<SimpleId>? AdminServerIds { get; init; }

    public List<SimpleId>? FileSystemIds { get; init; }

    public bool? UniformExports { get; init; }
}
