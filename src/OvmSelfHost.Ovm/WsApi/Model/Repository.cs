namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Repository : OvmObject
{
    /// <summary>The UUID of the manager that owns the repository.</summary>
    public string? ManagerUuid { get; init; }

    public SimpleId? FileSystemId { get; init; }

    public List<SimpleId>? PresentedServerIds { get; init; }

    public List<SimpleId>? VirtualDiskIds { get; init; }

    public List<SimpleId>? VmIds { get; init; }

    public bool Refreshed { get; init; }
}
