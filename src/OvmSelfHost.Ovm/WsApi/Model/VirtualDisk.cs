namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record VirtualDisk : OvmObject
{
    /// <summary>VIRTUAL_DISK or VIRTUAL_CDROM (ISO).</summary>
    public string? DiskType { get; init; }

    public long? Size { get; init; }

    public string? Path { get; init; }

    public bool Shareable { get; init; }

    public SimpleId? RepositoryId { get; init; }

    public List<SimpleId>? VmDiskMappingIds { get; init; }
}
