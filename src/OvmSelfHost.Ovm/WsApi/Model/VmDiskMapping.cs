namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record VmDiskMapping : OvmObject
{
    public SimpleId? VmId { get; init; }

    public SimpleId? VirtualDiskId { get; init; }

    public int DiskTarget { get; init; }

    /// <summary>READ_ONLY or READ_WRITE.</summary>
    public string? DiskWriteMode { get; init; }

    public bool EmulatedBlockDevice { get; init; }
}
