namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record StorageArray : OvmObject
{
    /// <summary>FIBRECHANNEL, ISCSI, LOCAL, UNKNOWN.</summary>
    public string? StorageType { get; init; }

    public List<string>? AccessHosts { get; init; }

    public List<SimpleId>? AdminServerIds { get; init; }
}
