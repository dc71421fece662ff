namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record VirtualNic : OvmObject
{
    public string? MacAddress { get; init; }

    public SimpleId? NetworkId { get; init; }

    public SimpleId? VmId { get; init; }
}
