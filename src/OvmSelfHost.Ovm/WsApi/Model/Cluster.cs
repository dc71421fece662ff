namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Cluster : OvmObject
{
    public SimpleId? ServerPoolId { get; init; }

    public List<SimpleId>? HeartbeatDeviceIds { get; init; }

    public List<SimpleId>? ServerIds { get; init; }

    public List<SimpleId>? FileSystemIds { get; init; }

    public int? ClusterTimeout { get; init; }
}
