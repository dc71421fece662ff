namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record ClusterHeartbeatDevice : OvmObject
{
    /// <summary>NFS, STORAGE_ELEMENT or UNKNOWN.</summary>
    public string? StorageType { get; init; }

    public SimpleId? NetworkFileSystemId { get; init; }

    public SimpleId? ClusterId { get; init; }
}
