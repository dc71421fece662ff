namespace OvmSelfHost.Ovm.WsApi.Model;

internal sealed record Server : OvmObject
{
    public string? ServerRunState { get; init; }

    public string? Hostname { get; init; }

    public string? IpAddress { get; init; }

    /// <summary>The UUID of the manager that owns the server; null when unowned.</summary>
    public string? ManagerUuid { get; init; }

    public SimpleId? ServerPoolId { get; init; }

    public SimpleId? ClusterId { get; init; }

    public bool MaintenanceMode { get; init; }

    /// <summary>MB of memory left for VMs.</summary>
    public long? UsableMemory { get; init; }

    public string? OvmVersion { get; init; }

    public List<SimpleId>? VmIds { get; init; }

    public List<string>? ServerRoles { get; init; }
}
