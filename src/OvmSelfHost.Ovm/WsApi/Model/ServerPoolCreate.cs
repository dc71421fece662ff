namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record ServerPoolCreate(string Name, string? VirtualIp);
