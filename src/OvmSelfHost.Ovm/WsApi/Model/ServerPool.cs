namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record ServerPool : OvmObject
{
    public List<SimpleId>? ServerIds { get; init; }

    public SimpleId? MasterServerId { get; init; }

    /// <summary>Null when the pool is not clustered.</summary>
    public SimpleId? ClusterId { get; init; }

    public string? VirtualIp { get; init; }

    public List<SimpleId>? VmIds { get; init; }

    public List<SimpleId>? UnassignedVmIds { get; init; }
}
