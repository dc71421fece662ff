namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record FileSystem : OvmObject
{
    public string? Path { get; init; }

    public List<SimpleId>? FileServerIds { get; init; }

    public List<SimpleId>? RepositoryIds { get; init; }

    public bool Refreshed { get; init; }

    public bool Shared { get; init; }

    public long? Size { get; init; }

    public long? FreeSize { get; init; }
}
