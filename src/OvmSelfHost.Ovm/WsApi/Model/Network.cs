namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Network : OvmObject
{
    public List<string>? Roles { get; init; }

    public bool ServerLocal { get; init; }

    public SimpleId? ServerId { get; init; }
}
